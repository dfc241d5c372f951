namespace RepitBot.Host.Commands;

/// <summary>What the binary was asked to do. Anything that is not a known command word is left to configuration.</summary>
internal sealed record HostCommand(string Name, string[] Rest, string? AdminName = null, string[]? Operands = null)
{
    public const string Usage = """
        Usage: RepitBot.Host [command] [--role all|users|auth|bot] [--KEY value ...]
          (no command)          run the role (default: all)
          migrate               apply the database schema of the role's modules and exit
          healthcheck           GET this role's /health; exit 0 when it answers 200, 1 otherwise
          admin create --name N create an admin and print its access code once
          flags list            the deployment flags, from the shared store (works with every service down)
          flags set NAME true|false, flags reset NAME
                                change a flag in the shared store, recorded as the operator's; every instance follows
        """;

    public static HostCommand Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            return new HostCommand("run", args);
        }

        switch (args[0])
        {
            case "run":
            case "migrate":
            case "healthcheck":
                return new HostCommand(args[0], args[1..]);
            case "help":
                return new HostCommand("help", []);
            case "flags":
                // The operands are the words before the first option: list | set NAME VALUE | reset NAME.
                var operands = args[1..].TakeWhile(a => !a.StartsWith('-')).ToArray();
                return new HostCommand("flags", args[(1 + operands.Length)..], Operands: operands);
            case "admin" when args.Length > 1 && args[1] == "create":
                var rest = args[2..].ToList();
                var nameAt = rest.FindIndex(a => a is "--name" or "-n");
                if (nameAt < 0 || nameAt == rest.Count - 1 || string.IsNullOrWhiteSpace(rest[nameAt + 1]))
                {
                    throw new UsageException("admin create needs a name: admin create --name \"Full Name\".");
                }

                var name = rest[nameAt + 1];
                rest.RemoveRange(nameAt, 2);
                return new HostCommand("admin create", [.. rest], name);
            default:
                throw new UsageException($"Unknown command '{string.Join(' ', args.Take(2))}'.");
        }
    }
}

internal sealed class UsageException(string message) : Exception(message);
