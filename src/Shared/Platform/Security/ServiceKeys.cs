using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using RepitBot.Shared.Platform.Configuration;

namespace RepitBot.Shared.Platform.Security;

/// <summary>
/// The keys of the service identities this process knows: the one it presents for each identity whose module runs
/// here, and the SHA-256 of every key it accepts for each identity that may call it. A setting holds one key, or
/// <c>new,old</c> during a rotation: the first is presented, every listed one accepted, anything else refused. A
/// verifier may be given <c>sha256:HEX</c> digests instead of keys, so it can check a caller it cannot impersonate.
/// </summary>
public sealed class ServiceKeys
{
    public const string HeaderName = "X-Service-Key";
    public const string DigestPrefix = "sha256:";
    private const int MinimumLength = 32;

    private readonly Dictionary<string, string> presented = new(StringComparer.Ordinal);
    private readonly List<(string Name, byte[] Digest)> accepted = [];
    private readonly Dictionary<string, ServiceKeyUse> uses = new(StringComparer.Ordinal);
    private readonly bool isDevelopment;

    public ServiceKeys(bool isDevelopment) => this.isDevelopment = isDevelopment;

    /// <summary>The identities this process presents, in the order they were added.</summary>
    public IReadOnlyList<string> Presented => [.. presented.Keys];

    /// <summary>The key to send as <paramref name="serviceName"/>; null when that identity's module does not run here.</summary>
    public string? KeyFor(string serviceName) => presented.GetValueOrDefault(serviceName);

    /// <summary>The identity a presented key belongs to, or null when no accepted key matches (compared in fixed time).</summary>
    public string? IdentityOf(string presentedKey)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey));
        string? found = null;
        foreach (var (name, known) in accepted)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, known))
            {
                found ??= name;
            }
        }

        return found;
    }

    /// <summary>
    /// Reads and checks the identity's setting now, so a missing or weak key stops the start with one line naming it.
    /// Outside development every key a process uses is required; in development a missing one is a random value
    /// that lives as long as the process (no other process can present it).
    /// </summary>
    public void Add(ServiceIdentity identity, ServiceKeyUse use, IConfiguration configuration)
    {
        if (uses.TryGetValue(identity.Name, out var known) && (known == ServiceKeyUse.Present || use == ServiceKeyUse.Verify))
        {
            return;
        }

        uses[identity.Name] = use;
        accepted.RemoveAll(entry => entry.Name == identity.Name);
        var entries = (SettingReader.String(configuration, identity.KeySetting) ?? string.Empty)
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (entries.Length == 0)
        {
            if (!isDevelopment)
            {
                throw new InvalidSettingException(identity.KeySetting, $"is required outside development: the key of the '{identity.Name}' service identity, at least {MinimumLength} random characters (for example: openssl rand -hex 32); during a rotation 'new,old'.");
            }

            entries = [Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))];
        }

        if (use == ServiceKeyUse.Present && entries[0].StartsWith(DigestPrefix, StringComparison.Ordinal))
        {
            throw new InvalidSettingException(identity.KeySetting, $"the '{identity.Name}' identity's module runs in this process, which must present its key: the first entry must be the key itself, not a digest.");
        }

        foreach (var entry in entries)
        {
            accepted.Add((identity.Name, DigestOf(identity, entry)));
        }

        if (use == ServiceKeyUse.Present)
        {
            presented[identity.Name] = entries[0];
        }
    }

    private byte[] DigestOf(ServiceIdentity identity, string entry)
    {
        if (entry.StartsWith(DigestPrefix, StringComparison.Ordinal))
        {
            var hex = entry[DigestPrefix.Length..];
            if (hex.Length != 64 || !hex.All(Uri.IsHexDigit))
            {
                throw new InvalidSettingException(identity.KeySetting, $"a digest must be '{DigestPrefix}' and 64 hexadecimal digits (for example: printf %s \"$KEY\" | sha256sum).");
            }

            return Convert.FromHexString(hex);
        }

        if (!isDevelopment && entry.Length < MinimumLength)
        {
            throw new InvalidSettingException(identity.KeySetting, $"a key is {entry.Length} characters long; at least {MinimumLength} are required.");
        }

        return SHA256.HashData(Encoding.UTF8.GetBytes(entry));
    }
}
