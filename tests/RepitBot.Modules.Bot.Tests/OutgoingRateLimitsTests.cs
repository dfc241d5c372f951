using System.Collections.Concurrent;
using RepitBot.Modules.Bot.Telegram;

namespace RepitBot.Modules.Bot.Tests;

/// <summary>
/// Telegram's outgoing limits: a burst per chat, then each message waits its turn, in order, and none is lost; a chat
/// over its limit holds up no other chat; the overall cap holds every chat. No timing is asserted, only who waits and
/// the order they go in.
/// </summary>
public sealed class OutgoingRateLimitsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Given_a_chat_past_its_burst_Then_its_next_messages_wait_and_go_in_order_while_other_chats_go_at_once()
    {
        // Arrange
        await using var limits = new OutgoingRateLimits(Settings(messagesPerSecond: 30, chatMessagesPerSecond: 1));
        var done = new ConcurrentQueue<int>();

        // Act: a burst, two more, and another chat
        var burst = Enumerable.Range(0, OutgoingRateLimits.ChatBurst).Select(_ => limits.WaitAsync(1, CancellationToken.None)).ToList();
        var later = new[] { 4, 5 }.Select(number => TurnAsync(limits, 1, number, done)).ToList();
        var otherChat = limits.WaitAsync(2, CancellationToken.None);

        // Assert
        Assert.All(burst, turn => Assert.True(turn.IsCompletedSuccessfully));
        Assert.True(otherChat.IsCompletedSuccessfully);
        Assert.All(later, turn => Assert.False(turn.IsCompleted));
        await Task.WhenAll(later).WaitAsync(Deadline);
        Assert.Equal([4, 5], done);
    }

    [Fact]
    public async Task Given_the_overall_limit_reached_Then_a_message_to_any_chat_waits_for_its_turn()
    {
        // Arrange
        await using var limits = new OutgoingRateLimits(Settings(messagesPerSecond: 2, chatMessagesPerSecond: 1));

        // Act
        var first = limits.WaitAsync(10, CancellationToken.None);
        var second = limits.WaitAsync(11, CancellationToken.None);
        var third = limits.WaitAsync(12, CancellationToken.None);

        // Assert
        Assert.True(first.IsCompletedSuccessfully && second.IsCompletedSuccessfully);
        Assert.False(third.IsCompleted);
        await third.WaitAsync(Deadline);
    }

    [Fact]
    public async Task Given_both_limits_set_to_zero_Then_no_message_waits()
    {
        // Arrange: a Bot API server that applies its own limits, or none
        await using var limits = new OutgoingRateLimits(Settings(messagesPerSecond: 0, chatMessagesPerSecond: 0));

        // Act: far past any burst, to one chat and to many
        var oneChat = Enumerable.Range(0, 50).Select(_ => limits.WaitAsync(1, CancellationToken.None)).ToList();
        var manyChats = Enumerable.Range(0, 50).Select(chat => limits.WaitAsync(100 + chat, CancellationToken.None)).ToList();

        // Assert
        Assert.All(oneChat.Concat(manyChats), turn => Assert.True(turn.IsCompletedSuccessfully));
    }

    private static async Task TurnAsync(OutgoingRateLimits limits, long chatId, int number, ConcurrentQueue<int> done)
    {
        await limits.WaitAsync(chatId, CancellationToken.None);
        done.Enqueue(number);
    }

    private static BotSettings Settings(int messagesPerSecond, int chatMessagesPerSecond) =>
        new("1:limits-test-token", BotSettings.DefaultApiBaseUrl, null, null, 16, TimeSpan.FromMinutes(1), messagesPerSecond, chatMessagesPerSecond, 1, null);
}
