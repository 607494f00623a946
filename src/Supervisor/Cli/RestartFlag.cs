using System.Globalization;
using Berth.Supervisor.Api.Models;

namespace Berth.Supervisor.Cli;

/// <summary>
/// docker's <c>--restart NAME[:MAX-RETRIES]</c> as its CLI reads it (opts.ParseRestartPolicy): the client
/// only splits the text; the daemon judges the policy name and the count, and answers with its message.
/// </summary>
internal static class RestartFlag
{
    public static ApiRestartPolicy Parse(string text)
    {
        var colon = text.IndexOf(':');
        if (colon == 0) throw new CliException("invalid restart policy format: no policy provided before colon");
        var count = 0;
        if (colon > 0 && text[(colon + 1)..] is { Length: > 0 } max && !int.TryParse(max, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out count))
            throw new CliException("invalid restart policy format: maximum retry count must be an integer");
        return new ApiRestartPolicy(colon < 0 ? text : text[..colon], count);
    }
}
