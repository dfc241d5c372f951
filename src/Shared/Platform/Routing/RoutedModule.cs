namespace RepitBot.Shared.Platform.Routing;

/// <summary>
/// A module whose contract goes through the <see cref="ModuleRouter"/>, registered by the module itself (see
/// <see cref="RoutingRegistration.AddRoutedModule{TContract, TRouted}"/>). Its name gives its pair of deployment
/// flags; the platform learns every module from these registrations and names none itself. Its contract tells whether
/// this process has the module's in-process implementation (what hybrid mode falls back to).
/// </summary>
internal sealed record RoutedModule(string Name, Type Contract);
