using Berth.Actors.Lifecycle;
using static Berth.Actors.Lifecycle.ContainerStatus;

namespace Berth.Actors.Tests.Lifecycle;

/// <summary>
/// Walks every (from, to) pair of <see cref="ContainerStatus"/> against the expected matrix below, written
/// out by hand: a change to the lifecycle table has to be made here too, on purpose.
/// </summary>
public sealed class LifecycleTableTests
{
    private const bool Y = true;
    private const bool N = false;

    /// <summary>The rows and columns of <see cref="Expected"/>, in this order.</summary>
    private static readonly ContainerStatus[] Order = [Created, Running, Paused, Restarting, Exited, Removing, Dead, Removed];

    /// <summary>Row = from, column = to. Staying put is allowed, except once removed.</summary>
    private static readonly bool[,] Expected =
    {
        //                to: Created Running Paused Restarting Exited Removing Dead Removed
        /* Created    */ {    Y,      Y,      N,     N,         N,     Y,       N,   N },
        /* Running    */ {    N,      Y,      Y,     N,         Y,     N,       N,   N },
        /* Paused     */ {    N,      Y,      Y,     N,         Y,     N,       N,   N },
        /* Restarting */ {    N,      Y,      N,     Y,         Y,     N,       N,   N },
        /* Exited     */ {    N,      Y,      N,     Y,         Y,     Y,       N,   N },
        /* Removing   */ {    N,      N,      N,     N,         N,     Y,       Y,   Y },
        /* Dead       */ {    N,      N,      N,     N,         N,     Y,       Y,   N },
        /* Removed    */ {    N,      N,      N,     N,         N,     N,       N,   N },
    };

    public static TheoryData<ContainerStatus, ContainerStatus, bool> EveryPair()
    {
        var data = new TheoryData<ContainerStatus, ContainerStatus, bool>();
        for (var from = 0; from < Order.Length; from++)
            for (var to = 0; to < Order.Length; to++)
                data.Add(Order[from], Order[to], Expected[from, to]);
        return data;
    }

    [Fact]
    public void The_matrix_covers_every_status_in_declaration_order()
    {
        var statuses = Enum.GetValues<ContainerStatus>();

        Assert.Equal(statuses, Order);
        Assert.Equal(statuses.Length, Expected.GetLength(0));
        Assert.Equal(statuses.Length, Expected.GetLength(1));
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Can_move_answers_as_the_matrix_says(ContainerStatus from, ContainerStatus to, bool allowed)
    {
        var canMove = LifecycleTable.CanMove(from, to);

        Assert.Equal(allowed, canMove);
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Move_returns_the_target_when_allowed_and_otherwise_throws_naming_both_ends(
        ContainerStatus from, ContainerStatus to, bool allowed)
    {
        if (allowed)
        {
            Assert.Equal(to, LifecycleTable.Move(from, to));
            return;
        }

        var refusal = Assert.Throws<InvalidTransitionException>(() => LifecycleTable.Move(from, to));

        Assert.Equal(from, refusal.From);
        Assert.Equal(to, refusal.To);
        Assert.Equal($"a container cannot move from {from} to {to}", refusal.Message);
    }

    [Fact]
    public void Removed_is_terminal_it_cannot_even_stay_removed()
    {
        var anyWayOut = Enum.GetValues<ContainerStatus>().Where(to => LifecycleTable.CanMove(Removed, to));

        Assert.Empty(anyWayOut);
    }
}
