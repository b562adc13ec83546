using System.Text.RegularExpressions;

namespace Liaison.Testing;

/// <summary>Hides passwords in service addresses before they go into a message.</summary>
public static partial class Redact
{
    /// <summary>The mask that replaces a password.</summary>
    public const string Mask = "***";

    /// <summary>
    /// An AMQP URI with its password masked: <c>amqp://liaison:***@127.0.0.1:5672/liaison</c>.
    /// Works on text that is not a valid URI too, and on any URI with user information.
    /// </summary>
    public static string AmqpUri(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return UserInfoPassword().Replace(value, "${pre}" + Mask + "@");
    }

    /// <summary>
    /// A connection string with the value of every password key masked, and the password of a
    /// URI (postgres://user:password@host/db) too.
    /// </summary>
    public static string ConnectionString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return AmqpUri(PasswordKey().Replace(value, "${key}=" + Mask));
    }

    [GeneratedRegex(@"(?<pre>://[^:/@\s]*:)[^@\s]*@")]
    private static partial Regex UserInfoPassword();

    [GeneratedRegex(@"(?<key>(?:password|pwd))\s*=\s*[^;]*", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordKey();
}
