using System.CommandLine;
using Liaison.Cli.Files;
using Liaison.Cli.Rendering;
using Liaison.Crypto.Agreements;

namespace Liaison.Cli.Commands;

/// <summary><c>liaison agreement show</c>: an agreement or a draft, for people to read.</summary>
internal sealed class AgreementShowCommand : Command
{
    private readonly CliContext context;
    private readonly Argument<string> file = new("file") { Description = "A signed agreement or a draft (JSON)." };

    public AgreementShowCommand(CliContext context)
        : base("show", "Show an agreement or a draft: parties, keys, links, limits and signatures.")
    {
        this.context = context;
        Arguments.Add(file);
        SetAction(Execute);
    }

    private int Execute(ParseResult parse)
    {
        var agreement = AgreementFiles.ReadAny(parse.GetRequiredValue(file));
        AgreementRenderer.Write(context.Out, agreement, AgreementInForce.Inspect(agreement.Signed, null));
        return ExitCodes.Success;
    }
}
