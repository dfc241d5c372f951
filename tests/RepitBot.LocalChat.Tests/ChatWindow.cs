using System.Text.RegularExpressions;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace RepitBot.LocalChat.Tests;

/// <summary>
/// One browser tab of the local chat, as a person uses it: pick an identity, type with the keyboard, click buttons,
/// read what the bot shows. Every wait is for something on the page, with a deadline.
/// </summary>
internal sealed partial class ChatWindow
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly IWebDriver driver;
    private readonly string handle;

    private ChatWindow(IWebDriver driver, string handle)
    {
        this.driver = driver;
        this.handle = handle;
    }

    /// <summary>The tab the browser has open now.</summary>
    public static ChatWindow Current(IWebDriver driver) => new(driver, driver.CurrentWindowHandle);

    /// <summary>A new tab.</summary>
    public static ChatWindow NewTab(IWebDriver driver)
    {
        driver.SwitchTo().NewWindow(WindowType.Tab);
        return new ChatWindow(driver, driver.CurrentWindowHandle);
    }

    public IWebDriver Driver => Activate();

    public IWebDriver Activate() => driver.CurrentWindowHandle == handle ? driver : driver.SwitchTo().Window(handle);

    /// <summary>Opens the chat page and becomes this Telegram user, typed into the identity form.</summary>
    public void OpenAs(Uri chat, long id, string name)
    {
        Activate().Navigate().GoToUrl(chat);
        var idField = Wait(d => Shown(d, By.Id("identity-id")));
        idField.Clear();
        idField.SendKeys(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        driver.FindElement(By.Id("identity-name")).SendKeys(name);
        driver.FindElement(By.Id("identity-open")).Click();
        Wait(d => Shown(d, By.Id("text")));
    }

    /// <summary>Types a message in the input field, key by key, and sends it with Enter.</summary>
    public void Type(string text) => Wait(d => Shown(d, By.Id("text"))).SendKeys(text + Keys.Enter);

    /// <summary>Waits for a bot message containing <paramref name="fragment"/>, and returns its shown text.</summary>
    public string WaitForBot(string fragment) =>
        Wait(d => BotMessages(d).Select(m => m.Text).LastOrDefault(text => text.Contains(fragment, StringComparison.Ordinal)), $"a bot message with '{fragment}'");

    /// <summary>Clicks a button of the reply keyboard under the input field.</summary>
    public void ClickReplyButton(string text) =>
        Wait(d => d.FindElements(By.CssSelector("#reply-keyboard button")).FirstOrDefault(b => b.Text == text && b.Displayed), $"reply button '{text}'").Click();

    /// <summary>Clicks an inline button under the newest bot message that has it.</summary>
    public void ClickInlineButton(string text) =>
        Wait(d => d.FindElements(By.CssSelector("#messages li.bot .inline button")).LastOrDefault(b => b.Text == text && b.Displayed), $"inline button '{text}'").Click();

    /// <summary>The texts of the messages shown now, oldest first, the person's and the bot's.</summary>
    public IReadOnlyList<string> Messages => [.. Activate().FindElements(By.CssSelector("#messages li")).Select(m => m.Text)];

    public string Header => Activate().FindElement(By.Id("who")).Text;

    public T Wait<T>(Func<IWebDriver, T?> condition, string? what = null)
    {
        var wait = new WebDriverWait(Activate(), Patience) { Message = $"Waited {Patience.TotalSeconds:0} s for {what ?? "the page"}" };
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException));
        return wait.Until(d => condition(d) is { } found ? found : default)!;
    }

    /// <summary>The access codes in a text (XXXX-XXXX-XXXX-XXXX).</summary>
    public static IReadOnlyList<string> CodesIn(string text) => [.. AccessCode().Matches(text).Select(m => m.Value)];

    private static IEnumerable<IWebElement> BotMessages(IWebDriver driver) => driver.FindElements(By.CssSelector("#messages li.bot .bubble"));

    private static IWebElement? Shown(IWebDriver driver, By by) => driver.FindElements(by).FirstOrDefault(e => e.Displayed);

    [GeneratedRegex("[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}")]
    private static partial Regex AccessCode();
}
