using Berth.Integration.Tests.Daemon;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Images;

namespace Berth.Integration.Tests.Compat;

/// <summary>
/// Testcontainers' ContainerBuilder aimed at one test's berth daemon, set up the way a user without
/// registry access would: the endpoint through the builder (not DOCKER_HOST, which every parallel
/// test would share), the image taken from the daemon's store and never pulled, and no Ryuk.
/// </summary>
internal static class BerthEndpoint
{
    static BerthEndpoint()
    {
        // Ryuk's image cannot be pulled here. Disabling it keeps Testcontainers' default session
        // label, so disposing a container still removes it (WithCleanUp(false) would only stop it).
        TestcontainersSettings.ResourceReaperEnabled = false;
    }

    public static ContainerBuilder Busybox(DaemonHost daemon) =>
        new ContainerBuilder("busybox:latest")
            .WithDockerEndpoint(new Uri("unix://" + daemon.SocketPath))
            .WithImagePullPolicy(PullPolicy.Missing);
}
