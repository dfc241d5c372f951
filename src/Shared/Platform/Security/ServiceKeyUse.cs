namespace RepitBot.Shared.Platform.Security;

/// <summary>What a process does with one <see cref="ServiceIdentity"/>'s key.</summary>
public enum ServiceKeyUse
{
    /// <summary>The identity's module runs here: the process presents its key (the first listed) and accepts it.</summary>
    Present,

    /// <summary>The identity calls a module that runs here: the process only accepts its keys, which may be digests.</summary>
    Verify,
}
