using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace RepitBot.Testing;

/// <summary>
/// xunit's own framework plus one step at the end of a test assembly's run: the shared servers are stopped and their
/// folders removed while the test process is still alive. (xunit 2 has no assembly fixtures, and the test runner kills
/// the test process moments after the run, too soon for exit handlers to stop a server.) A test assembly opts in with
/// <c>[assembly: TestFramework("RepitBot.Testing.RepitBotTestFramework", "RepitBot.Testing")]</c>.
/// </summary>
public sealed class RepitBotTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        // async void as in the method it overrides: xunit learns of the end from the assembly runner's messages.
        protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new AssemblyRunner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class AssemblyRunner(ITestAssembly testAssembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnosticMessageSink, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        protected override async Task BeforeTestAssemblyFinishedAsync()
        {
            try
            {
                await SharedServers.DisposeAllAsync();
            }
            catch (Exception e)
            {
                // Reported, not thrown: the tests' results stand; the watchdogs still clean up when the process ends.
                DiagnosticMessageSink.OnMessage(new DiagnosticMessage($"Stopping the shared servers failed: {e}"));
            }

            await base.BeforeTestAssemblyFinishedAsync();
        }
    }
}
