using Berth.Actors.Registry;

namespace Berth.Actors.Tests.Registry;

/// <summary>Checks the container name rules against Docker's accepted and rejected names.</summary>
public sealed class ContainerNameRulesTests
{
    [Theory]
    [InlineData("web")]
    [InlineData("/web")]
    [InlineData("a.b-c_d")]
    [InlineData("ab")]
    [InlineData("0web")]
    [InlineData("Web.2")]
    [InlineData("web-")]
    public void Names_docker_accepts_are_valid(string name)
    {
        var valid = ContainerNameRules.IsValid(name);

        Assert.True(valid);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("/a")]
    [InlineData("-x")]
    [InlineData("_x")]
    [InlineData(".x")]
    [InlineData("x y")]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("x/y")]
    [InlineData("//web")]
    [InlineData("é")]
    [InlineData("café")]
    [InlineData("web\n")]
    public void Names_docker_rejects_are_invalid(string name)
    {
        var valid = ContainerNameRules.IsValid(name);

        Assert.False(valid);
    }

    [Theory]
    [InlineData("/web", "web")]
    [InlineData("web", "web")]
    [InlineData("//web", "/web")]
    [InlineData("", "")]
    public void Normalizing_strips_exactly_one_leading_slash(string name, string expected)
    {
        var normalized = ContainerNameRules.Normalize(name);

        Assert.Equal(expected, normalized);
    }

    [Fact]
    public void The_invalid_name_message_matches_dockers_wording()
    {
        var message = ContainerNameRules.InvalidMessage("x y");

        Assert.Equal("Invalid container name (x y), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed", message);
    }
}
