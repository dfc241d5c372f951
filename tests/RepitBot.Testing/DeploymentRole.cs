namespace RepitBot.Testing;

/// <summary>A process of a <see cref="SplitDeployment"/>: the host binary in one of its roles (its --role value).</summary>
public enum DeploymentRole
{
    /// <summary>The User Service (--role users).</summary>
    Users,

    /// <summary>The Auth Service (--role auth).</summary>
    Auth,

    /// <summary>The host with every module, in whatever mode its flags say (--role all).</summary>
    All,

    /// <summary>The Telegram bot alone (--role bot), with the in-process Users and Auth as its fallback when given their stores.</summary>
    Bot,
}
