using System.Buffers.Binary;
using System.Buffers.Text;

namespace Registry.Grains.Abstractions;

/// <summary>
/// The opaque cursor of a client listing as the admin API shows it: base64url of a version byte (1) and the
/// sequence (8 bytes, big-endian), 12 characters. Anything else is not a cursor (the gateway answers 400).
/// </summary>
public static class ClientListCursor
{
    private const byte Version = 1;

    private const int Bytes = 9;

    private const int Length = 12;

    public static string Encode(long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        Span<byte> bytes = stackalloc byte[Bytes];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], sequence);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryDecode(string? cursor, out long sequence)
    {
        sequence = 0;
        if (cursor is null || cursor.Length != Length || !cursor.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Bytes];
        if (!Base64Url.TryDecodeFromChars(cursor, bytes, out var written) || written != Bytes || bytes[0] != Version)
        {
            return false;
        }

        var value = BinaryPrimitives.ReadInt64BigEndian(bytes[1..]);
        if (value < 0)
        {
            return false;
        }

        sequence = value;
        return true;
    }
}
