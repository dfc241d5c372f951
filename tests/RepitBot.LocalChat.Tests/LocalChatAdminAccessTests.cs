using OpenQA.Selenium;
using RepitBot.Testing;

namespace RepitBot.LocalChat.Tests;

/// <summary>
/// Outside Development, from another machine's address, the page asks for an admin's access token and then works,
/// sending it with every call and with the event stream.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LocalChatAdminAccessTests(Browser browser)
{
    [Fact]
    public async Task Given_a_client_from_another_address_Then_the_page_asks_for_an_admin_token_and_then_chats() =>
        await browser.RunAsync(nameof(Given_a_client_from_another_address_Then_the_page_asks_for_an_admin_token_and_then_chats), async () =>
        {
            var outside = HostSettings.NonLoopbackAddress();
            var port = FreePort.Next();
            using var host = HostProcess.Start([], HostSettings.Production(port, ("LOCAL_CHAT", "true")));
            await host.WaitUntilHealthyAsync(new Uri($"http://127.0.0.1:{port}"));
            using var http = new HttpClient();
            var adminToken = await HostSettings.LoginAsync(http, port, HostSettings.AdminCode().Match(host.Output).Groups[1].Value);
            var page = ChatWindow.Current(browser.Driver);

            page.Driver.Navigate().GoToUrl(new Uri($"http://{outside}:{port}/chat"));
            var tokenField = page.Wait(d => d.FindElements(By.Id("access-token")).FirstOrDefault(e => e.Displayed), "the token prompt");
            var pickerShownBefore = page.Driver.FindElement(By.Id("picker")).Displayed;
            tokenField.SendKeys(adminToken + Keys.Enter);
            page.OpenAs(new Uri($"http://{outside}:{port}/chat"), 3001, "Гость");
            page.Type("/start");
            var answer = page.WaitForBot("код доступа");

            Assert.False(pickerShownBefore);
            Assert.NotEmpty(answer);
        });
}
