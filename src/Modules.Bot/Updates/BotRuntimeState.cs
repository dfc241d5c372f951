namespace RepitBot.Modules.Bot.Updates;

/// <summary>How this instance receives updates right now, for /health and the admin's status screen.</summary>
internal sealed class BotRuntimeState
{
    private volatile string mode = "starting";

    public string Mode => mode;

    public void Polling() => mode = "polling";

    public void WaitingForPollingLock() => mode = "waiting: another instance polls this token";

    public void Webhook() => mode = "webhook";
}
