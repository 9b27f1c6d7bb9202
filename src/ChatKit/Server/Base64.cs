namespace ChatKit.Server;

internal static class Base64
{
    // The reference decodes dictation leniently: characters outside the alphabet are dropped, not rejected.
    public static byte[] DecodeLenient(string text)
    {
        var clean = new char[text.Length + 3];
        var n = 0;
        foreach (var c in text)
        {
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '+' or '/')
            {
                clean[n++] = c;
            }
            else if (c is '-')
            {
                clean[n++] = '+';
            }
            else if (c is '_')
            {
                clean[n++] = '/';
            }
        }

        if (n % 4 == 1)
        {
            throw new ChatKitBadRequestException("'audio_base64' is not valid base64.");
        }

        while (n % 4 != 0)
        {
            clean[n++] = '=';
        }

        return Convert.FromBase64CharArray(clean, 0, n);
    }
}
