using Berth.Actors.Images;
using Berth.Journal.Model;
using Berth.Native.Images;

namespace Berth.Actors.Tests.Images;

/// <summary>Docker's merge() of an image's HEALTHCHECK under the user's Healthcheck.</summary>
public sealed class HealthcheckMergeTests
{
    private static readonly ImageRunConfig Image = new()
    {
        Healthcheck = new ImageHealthcheck
        {
            Test = ["CMD-SHELL", "curl -f http://localhost/"], Interval = 10_000_000_000, Timeout = 3_000_000_000,
            StartPeriod = 5_000_000_000, StartInterval = 1_000_000_000, Retries = 4,
        },
    };

    [Fact]
    public void A_container_without_a_healthcheck_takes_the_images_whole()
    {
        var merged = ConfigMerge.Apply(new ContainerConfig(), Image);

        var check = merged.Healthcheck!;
        Assert.Equal((10_000_000_000L, 3_000_000_000L, 5_000_000_000L, 1_000_000_000L, 4),
            (check.Interval, check.Timeout, check.StartPeriod, check.StartInterval, check.Retries));
        Assert.Equal(["CMD-SHELL", "curl -f http://localhost/"], merged.Healthcheck!.Test);
    }

    [Fact]
    public void An_empty_test_and_zero_durations_come_from_the_image_while_set_parts_stay_the_users()
    {
        var user = new ContainerConfig { Healthcheck = new HealthConfig { Interval = 200_000_000, Retries = 2 } };

        var merged = ConfigMerge.Apply(user, Image).Healthcheck!;

        Assert.Equal(["CMD-SHELL", "curl -f http://localhost/"], merged.Test);
        Assert.Equal((200_000_000L, 3_000_000_000L, 5_000_000_000L, 2), (merged.Interval, merged.Timeout, merged.StartPeriod, merged.Retries));
    }

    [Fact]
    public void A_users_test_replaces_the_images_test()
    {
        var user = new ContainerConfig { Healthcheck = new HealthConfig { Test = ["CMD", "true"] } };

        var merged = ConfigMerge.Apply(user, Image).Healthcheck!;

        Assert.Equal(["CMD", "true"], merged.Test);
        Assert.Equal(10_000_000_000L, merged.Interval);
    }

    [Fact]
    public void No_healthcheck_from_the_user_disables_the_images_check_through_NONE()
    {
        var user = new ContainerConfig { Healthcheck = new HealthConfig { Test = ["NONE"] } };

        Assert.Equal(["NONE"], ConfigMerge.Apply(user, Image).Healthcheck!.Test);
    }

    [Fact]
    public void An_image_without_a_healthcheck_leaves_the_users_as_it_is()
    {
        var user = new ContainerConfig { Healthcheck = new HealthConfig { Test = ["CMD", "true"] } };

        Assert.Same(user.Healthcheck, ConfigMerge.Apply(user, new ImageRunConfig()).Healthcheck);
        Assert.Null(ConfigMerge.Apply(new ContainerConfig(), new ImageRunConfig()).Healthcheck);
    }
}
