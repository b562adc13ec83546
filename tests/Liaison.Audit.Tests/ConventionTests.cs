using System.Reflection;
using Liaison.Audit.Merkle;

namespace Liaison.Audit.Tests;

/// <summary>Rules the whole library keeps, checked by reflection so a new type cannot forget them.</summary>
public sealed class ConventionTests
{
    private static readonly Type[] PublicTypes = typeof(MerkleHash).Assembly.GetExportedTypes();

    // Mutable by design (one writer appends), and documented as such.
    private static readonly Type[] DocumentedMutable = [typeof(CompactRange), typeof(InMemoryHashStore)];

    [Fact]
    public void EveryPublicClassIsSealedOrStatic() =>
        Assert.Empty(PublicTypes.Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract).Select(t => t.FullName));

    [Fact]
    public void NoPublicTypeHasAPublicSetterOtherThanInitOutsideTheDocumentedMutableOnes()
    {
        var settable = PublicTypes.Except(DocumentedMutable)
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(p => (Type: t, Property: p)))
            .Where(x => x.Property.SetMethod is { IsPublic: true } setter
                && !setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit)))
            .Select(x => $"{x.Type.Name}.{x.Property.Name}");
        Assert.Empty(settable);
    }

    [Fact]
    public void EachPublicTypeLivesInAFileOfItsOwnName()
    {
        var source = Path.Combine(RepositoryRoot(), "src", "Liaison.Audit");
        var files = Directory.GetFiles(source, "*.cs", SearchOption.AllDirectories).Select(Path.GetFileNameWithoutExtension).ToHashSet();
        Assert.Empty(PublicTypes.Where(t => !t.IsNested && !files.Contains(t.Name)).Select(t => t.FullName));
    }

    [Fact]
    public void TheLibraryDoesNoFileOrNetworkIo()
    {
        var referenced = typeof(MerkleHash).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain("System.Net.Http", referenced);
        Assert.DoesNotContain("System.Net.Sockets", referenced);
        var source = Directory.GetFiles(Path.Combine(RepositoryRoot(), "src", "Liaison.Audit"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var withFileAccess = source.Where(f => File.ReadAllText(f).Contains("File.", StringComparison.Ordinal)).ToList();
        Assert.True(withFileAccess.Count == 0, string.Join(", ", withFileAccess));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "src", "Liaison.Audit")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("src/Liaison.Audit not found");
    }
}
