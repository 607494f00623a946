using Berth.Native.Runtime;

namespace Berth.Native.Tests.Runtime;

public sealed class OciRuntimeCliTests
{
    // What crun 1.8 and runc 1.1 print on this host (measured).
    [Theory]
    [InlineData("error opening file `/run/berth/runtime/crun/nope/status`: No such file or directory", RuntimeErrorKind.NotFound)]
    [InlineData("time=\"2026-11-23T16:14:56Z\" level=error msg=\"container does not exist\"", RuntimeErrorKind.NotFound)]
    [InlineData("open pidfd: No such process", RuntimeErrorKind.NotRunning)]
    [InlineData("the container `t9` is not running: No such process", RuntimeErrorKind.NotRunning)]
    [InlineData("time=\"2026-11-23T16:14:55Z\" level=error msg=\"container not running\"", RuntimeErrorKind.NotRunning)]
    [InlineData("time=\"2026-11-23T16:14:56Z\" level=error msg=\"cannot start a container that has stopped\"", RuntimeErrorKind.NotRunning)]
    [InlineData("time=\"2026-11-23T16:14:55Z\" level=error msg=\"container not paused\"", RuntimeErrorKind.Failed)]
    [InlineData("", RuntimeErrorKind.Failed)]
    public void The_error_kind_is_read_from_the_runtime_s_stderr(string stderr, RuntimeErrorKind expected)
    {
        Assert.Equal(expected, OciRuntimeCli.Classify(stderr));
    }
}
