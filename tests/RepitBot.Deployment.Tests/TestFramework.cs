[assembly: Xunit.TestFramework("RepitBot.Testing.RepitBotTestFramework", "RepitBot.Testing")]
