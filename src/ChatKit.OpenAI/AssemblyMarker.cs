namespace ChatKit.OpenAI; internal static class AssemblyMarker { }
