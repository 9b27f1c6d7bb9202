namespace ChatKit.AI; internal static class AssemblyMarker { }
