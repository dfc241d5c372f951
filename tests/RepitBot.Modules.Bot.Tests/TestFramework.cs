// The shared PostgreSQL and Redis servers stop when this assembly's tests are done, not whenever the process dies.
[assembly: Xunit.TestFramework("RepitBot.Testing.RepitBotTestFramework", "RepitBot.Testing")]
