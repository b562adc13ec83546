using System.Reflection;
using Liaison.Crypto.Envelopes;
using Liaison.Crypto.Tests.Vectors;
using Liaison.Envelope.V1;

namespace Liaison.Crypto.Tests;

/// <summary>Rules the whole library keeps, checked by reflection so a new type cannot forget them.</summary>
public sealed class ConventionTests
{
    private static readonly Assembly Library = typeof(EnvelopeSealer).Assembly;

    private static IEnumerable<Type> HandWrittenPublicTypes() =>
        Library.GetExportedTypes().Where(t => t.Namespace is { } ns && !ns.EndsWith(".V1", StringComparison.Ordinal));

    [Fact]
    public void EveryPublicClassIsSealedOrStatic()
    {
        var open = HandWrittenPublicTypes()
            .Where(t => t.IsClass && !t.IsSealed && !(t.IsAbstract && t.IsSealed))
            .Select(t => t.FullName)
            .ToList();
        Assert.Empty(open);
    }

    [Fact]
    public void PublicTypesHaveNoPublicSettersOnlyInit()
    {
        var mutable = HandWrittenPublicTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(p => (Type: t, Property: p)))
            .Where(x => x.Property.SetMethod is { IsPublic: true } setter
                && !setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit)))
            .Select(x => $"{x.Type.Name}.{x.Property.Name}")
            .ToList();
        Assert.Empty(mutable);
    }

    [Fact]
    public void EveryExceptionOfTheLibraryIsSealed() =>
        Assert.All(HandWrittenPublicTypes().Where(t => typeof(Exception).IsAssignableFrom(t)), t => Assert.True(t.IsSealed, t.Name));

    [Fact]
    public void EveryOpeningRejectionReasonIsProducedByAVector()
    {
        // REPLAYED is a gateway check; TOO_LARGE and AGREEMENT_NOT_EFFECTIVE need agreements the
        // vector files do not carry, and have tests of their own in RejectionReasonTests.
        var notInVectors = new[] { RejectionReason.Unspecified, RejectionReason.Replayed, RejectionReason.TooLarge, RejectionReason.AgreementNotEffective,
            RejectionReason.SenderKeyRevoked, RejectionReason.LinkNotAllowed,
            // A receipt check, not an opening one: the gateway's receipt tests produce it.
            RejectionReason.BadCheckpoint };
        var vectors = string.Concat(Directory.GetFiles(VectorsDirectory(), "*.json").Select(File.ReadAllText));

        var missing = Enum.GetValues<RejectionReason>().Except(notInVectors)
            .Select(r => RejectionReason.Unspecified.Descriptor().FindValueByNumber((int)r).Name)
            .Where(name => !vectors.Contains($"\"{name}\"", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(missing);
    }

    private static string VectorsDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "tests", "vectors")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("tests/vectors not found"), "tests", "vectors");
    }
}
