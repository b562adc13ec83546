using Liaison.Workflows;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Workflows;

/// <summary>Checks <see cref="HandoverOptions"/> at start-up and says, in sentences, what to fix.</summary>
public sealed class HandoverOptionsValidator : IValidateOptions<HandoverOptions>
{
    public ValidateOptionsResult Validate(string? name, HandoverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.BorderGates is { Count: 0 })
        {
            problems.Add("Workflows:BorderGates lists no border gate: configure at least one (a Code and its NameVi, NameZh and NameEn), or remove the setting to use the two default gates.");
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < (options.BorderGates?.Count ?? 0); i++)
        {
            var gate = options.BorderGates![i];
            var key = $"Workflows:BorderGates:{i}";
            if (gate is null)
            {
                problems.Add($"{key} is empty; every gate needs a Code and its names in Vietnamese, Chinese and English.");
                continue;
            }

            if (!WorkflowIds.IsValid(gate.Code))
            {
                problems.Add($"{key}:Code must be 1-64 of A-Za-z0-9/._-, starting with a letter or digit (e.g. VN-LAOCAI/CN-HEKOU).");
            }
            else if (seen.TryGetValue(gate.Code, out var first))
            {
                problems.Add($"Workflows:BorderGates lists gate {gate.Code} twice (entries {first} and {i}); each gate code must be unique.");
            }
            else
            {
                seen[gate.Code] = i;
            }

            var which = WorkflowIds.IsValid(gate.Code) ? $"{key} ({gate.Code})" : key;
            foreach (var (value, language, setting) in new[] { (gate.NameVi, "Vietnamese", "NameVi"), (gate.NameZh, "Chinese", "NameZh"), (gate.NameEn, "English", "NameEn") })
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    problems.Add($"{which} has no {language} name ({setting}); every gate needs its name in Vietnamese, Chinese and English.");
                }
            }

            if (string.IsNullOrWhiteSpace(gate.TimeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(gate.TimeZone, out _))
            {
                problems.Add($"{which}:TimeZone must be a time zone this system knows, such as Asia/Ho_Chi_Minh or Asia/Shanghai.");
            }
        }

        if (options.MinimumNoticeDays is < 0 or > 30)
        {
            problems.Add($"Workflows:MinimumNoticeDays must be between 0 and 30; it is {options.MinimumNoticeDays}.");
        }

        if (options.RollCallTolerance < TimeSpan.Zero || options.RollCallTolerance > TimeSpan.FromHours(24))
        {
            problems.Add($"Workflows:RollCallTolerance must be between 0 and 24 hours; it is {options.RollCallTolerance}.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
