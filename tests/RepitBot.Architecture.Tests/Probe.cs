using NetArchTest.Rules;
using Xunit;
using Xunit.Abstractions;

namespace RepitBot.Architecture.Tests.ProbeNs
{
    internal static class Outer
    {
        public sealed class PublicNestedInInternal { }
    }

    public static class PublicOuter
    {
        public sealed class PublicNestedInPublic { }
        internal sealed class InternalNested { }
    }

    internal static class BodyOnly
    {
        public static void Call(Microsoft.Extensions.DependencyInjection.IServiceCollection s) => RepitBot.Modules.Users.UsersModule.AddUsersModule(s, null!);
    }

    public sealed class Probe(ITestOutputHelper output)
    {
        [Fact]
        public void List()
        {
            var r = Types.InAssembly(typeof(Probe).Assembly).That().ResideInNamespace("RepitBot.Architecture.Tests.ProbeNs").And().DoNotHaveName("Probe").Should().NotBePublic().GetResult();
            output.WriteLine("NotBePublic failing: " + string.Join(", ", r.FailingTypeNames ?? []));
            var r2 = Types.InAssembly(typeof(Probe).Assembly).That().ResideInNamespace("RepitBot.Architecture.Tests.ProbeNs").ShouldNot().HaveDependencyOn("RepitBot.Modules.User").GetResult();
            output.WriteLine("dep prefix 'RepitBot.Modules.User' failing: " + string.Join(", ", r2.FailingTypeNames ?? []));
            var r3 = Types.InAssembly(typeof(Probe).Assembly).That().ResideInNamespace("RepitBot.Architecture.Tests.ProbeNs").ShouldNot().HaveDependencyOn("RepitBot.Modules.Users").GetResult();
            output.WriteLine("dep 'RepitBot.Modules.Users' failing: " + string.Join(", ", r3.FailingTypeNames ?? []));
            var host = typeof(RepitBot.Modules.Users.UsersModule).Assembly;
            output.WriteLine(string.Join(",", Types.InAssembly(typeof(Program).Assembly).GetTypes().Select(t => t.FullName)));
            var r4 = Types.InAssembly(typeof(Program).Assembly).ShouldNot().HaveDependencyOn("RepitBot.Modules.Users").GetResult();
            output.WriteLine("host failing: " + string.Join(", ", r4.FailingTypeNames ?? []));
        }
    }
}
