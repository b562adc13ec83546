using System.CommandLine;

namespace Liaison.Cli.Commands;

/// <summary>The command tree. It is built per run, around that run's console, so runs never share state.</summary>
internal static class LiaisonCommand
{
    public static RootCommand Create(CliContext context)
    {
        // --lang applies to every command below; it is read where labels are printed or asked of the gateway.
        var language = new LanguageOption(context);
        var root = Tree(context, language);
        root.Options.Add(language.Option);
        return root;
    }

    private static RootCommand Tree(CliContext context, LanguageOption language) =>
        new("Keys, co-signed exchange agreements, sealed envelopes and the gateway API for the liaison exchange. "
            + "Exit codes: 0 success, 1 refused or invalid input, 2 usage error, 3 internal error.")
        {
            new Command("keys", "Create node and authority key files.")
            {
                new KeysGenerateCommand(context),
            },
            new Command("ca", "Run a deployment's client CA: create it, issue and revoke client certificates, sign its revocation list.")
            {
                new CaInitCommand(context),
                new CaIssueCommand(context),
                new CaRevokeCommand(context),
                new CaCrlCommand(context),
            },
            new Command("agreement", "Draft, sign, verify and show exchange agreements.")
            {
                new AgreementDraftCommand(context),
                new AgreementSignCommand(context),
                new AgreementVerifyCommand(context),
                new AgreementShowCommand(context),
            },
            new Command("envelope", "Seal and inspect sealed envelopes.")
            {
                new EnvelopeSealCommand(context),
                new EnvelopeInspectCommand(context),
            },
            new Command("message", "Submit messages to a gateway and read its inbox, over its gRPC API.")
            {
                new MessageSubmitCommand(context),
                new MessageGetCommand(context),
                new MessageListCommand(context),
                new MessageFetchCommand(context),
            },
            new Command("attachment", "Upload attachments for a partner node and download received ones, over the gateway's gRPC API.") { new AttachmentUploadCommand(context), new AttachmentDownloadCommand(context) },
            new Command("workflow", "Take steps of liaison workflows and show where they stand, over the gateway's gRPC API.")
            {
                new WorkflowStepCommand(context, language),
                new WorkflowShowCommand(context, language),
            },
            new Command("case", "Show the workflows of a case.")
            {
                new CaseShowCommand(context, language),
            },
            new Command("criteria", "Review versions of the jointly agreed victim-identification criteria.")
            {
                new CriteriaDiffCommand(context),
            },
            new Command("handover", "Export the records of repatriation handovers; list the border gates.")
            {
                new HandoverExportCommand(context, language),
                new HandoverGatesCommand(context, language),
            },
            new Command("audit", "Check a node's audit transparency log.")
            {
                new AuditVerifyCommand(context),
                new AuditListCommand(context),
                new AuditProofCommand(context),
                new AuditExportCommand(context),
                new AuditVerifyBundleCommand(context),
            },
            new ReportCommand(context, language),
            new DemoCommand(context),
        };
}
