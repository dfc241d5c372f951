using System.Collections;

namespace RepitBot.Shared.Platform.Logging;

/// <summary>The log scope of one request: a single pair, written by the JSON console as <c>"request_id": "..."</c>.</summary>
internal sealed class RequestIdScope(string id) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => 1;

    public KeyValuePair<string, object?> this[int index] =>
        index == 0 ? new(RequestId.ScopeKey, id) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{RequestId.ScopeKey}:{id}";
}
