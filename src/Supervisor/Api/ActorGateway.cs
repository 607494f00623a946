using Akka.Actor;
using Berth.Actors;
using Berth.Actors.Containers;
using Berth.Actors.Images;

namespace Berth.Supervisor.Api;

/// <summary>
/// The API's door into the actor tree: asks the registry or the containers actor and turns an
/// unanswered ask into a typed refusal instead of an exception.
/// </summary>
internal sealed class ActorGateway(HostRefs host, TimeProvider clock)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public TimeProvider Clock { get; } = clock;

    public Task<object> Container(string reference, IContainerCommand command, CancellationToken cancel, TimeSpan? timeout = null) =>
        Ask(host.Registry, new ContainerRequest(reference, command), cancel, timeout);

    /// <summary>A create goes through the images actor, which resolves and merges the image, then to the registry.</summary>
    public Task<object> Create(CreateContainer create, CancellationToken cancel) => Ask(host.Images, new CreateFromImage(create), cancel, null);

    public Task<object> Images(object request, CancellationToken cancel, TimeSpan? timeout = null) => Ask(host.Images, request, cancel, timeout);

    public Task<object> Volumes(object request, CancellationToken cancel) => Ask(host.Volumes, request, cancel, null);
    /// <summary>Sends an already addressed request (a <see cref="ContainerRequest"/>) to the registry.</summary>
    public Task<object> Raw(object request, CancellationToken cancel, TimeSpan? timeout = null) => Ask(host.Registry, request, cancel, timeout);
    /// <summary>Whether a Networks actor runs (it does in the daemon; API tests with fakes have none).</summary>
    public bool HasNetworks => !host.Networks.IsNobody();

    public Task<object> Networks(object request, CancellationToken cancel) => Ask(host.Networks, request, cancel, null);

    public Task<object> Registry(object request, CancellationToken cancel) => Ask(host.Registry, request, cancel, null);

    public Task<object> List(bool all, CancellationToken cancel) => Ask(host.Containers, new ListContainers(all), cancel, null);

    private static async Task<object> Ask(IActorRef target, object message, CancellationToken cancel, TimeSpan? timeout)
    {
        try
        {
            return await target.Ask<object>(message, timeout ?? DefaultTimeout, cancel);
        }
        catch (AskTimeoutException)
        {
            return new Rejected(ErrorKind.Unavailable, "the daemon did not answer in time");
        }
    }
}
