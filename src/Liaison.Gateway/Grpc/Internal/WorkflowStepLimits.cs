using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Liaison.Crypto;
using Liaison.Workflows;

namespace Liaison.Gateway.Grpc.Internal;

/// <summary>
/// Checks every field of a workflow step against <see cref="WorkflowFieldLimits"/> by walking
/// the message's descriptor: string lengths, id syntax, byte lengths, counts of repeated
/// fields and enum numbers this API does not define (proto3 keeps them). One violation per
/// offending field, named by its path (e.g. "step.verification_request.names[3].name.text");
/// the descriptions never repeat the value. Thread-safe.
/// </summary>
internal static class WorkflowStepLimits
{
    /// <summary>Enough for a caller to see what is wrong, without an answer as large as the request.</summary>
    public const int MaxViolations = 50;

    public static List<BadRequest.Types.FieldViolation> Check(IMessage step, string path)
    {
        ArgumentNullException.ThrowIfNull(step);
        var violations = new List<BadRequest.Types.FieldViolation>();
        Walk(step, path, null, violations);
        return violations;
    }

    private static void Walk(IMessage message, string path, FieldDescriptor? container, List<BadRequest.Types.FieldViolation> violations)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var fieldPath = path + "." + field.Name;
            var value = field.Accessor.GetValue(message);
            if (field.IsRepeated || field.IsMap)
            {
                var count = ((ICollection)value).Count;
                var max = WorkflowFieldLimits.MaxCount(field);
                if (count > max)
                {
                    Add(violations, fieldPath, $"At most {max} entries.");
                    continue;
                }

                var index = 0;
                foreach (var item in (IEnumerable)value)
                {
                    CheckValue(field, item, $"{fieldPath}[{index++}]", container, violations);
                }
            }
            else
            {
                CheckValue(field, value, fieldPath, container, violations);
            }
        }
    }

    private static void CheckValue(FieldDescriptor field, object? value, string path, FieldDescriptor? container, List<BadRequest.Types.FieldViolation> violations)
    {
        switch (field.FieldType)
        {
            case FieldType.Message or FieldType.Group when value is IMessage child:
                Walk(child, path, field, violations);
                break;
            case FieldType.String when value is string text:
                var max = WorkflowFieldLimits.MaxChars(field, container);
                if (text.Length > max)
                {
                    Add(violations, path, $"At most {max} characters.");
                }
                else if (WorkflowFieldLimits.IsId(field) && !WorkflowIds.IsValidOrEmpty(text))
                {
                    Add(violations, path, "An id is up to 64 characters of A-Z, a-z, 0-9, '/', '.', '_' and '-', starting with a letter or digit.");
                }
                else if (field.Name == "signer_node" && text.Length > 0 && !Identifiers.IsNodeId(text))
                {
                    Add(violations, path, "A node id is lower-case letters, digits and '-', at most 63 characters.");
                }

                break;
            case FieldType.Bytes when value is ByteString bytes && bytes.Length > WorkflowFieldLimits.MaxBytes(field):
                Add(violations, path, $"At most {WorkflowFieldLimits.MaxBytes(field)} bytes.");
                break;
            case FieldType.Enum when value is not null && field.EnumType.FindValueByNumber(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)) is null:
                Add(violations, path, $"Not a value of {field.EnumType.Name}: use one this API defines.");
                break;
        }
    }

    private static void Add(List<BadRequest.Types.FieldViolation> violations, string path, string description)
    {
        if (violations.Count < MaxViolations)
        {
            violations.Add(new BadRequest.Types.FieldViolation { Field = path, Description = description });
        }
    }
}
