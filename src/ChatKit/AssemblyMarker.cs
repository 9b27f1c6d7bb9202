namespace ChatKit; internal static class AssemblyMarker { }
