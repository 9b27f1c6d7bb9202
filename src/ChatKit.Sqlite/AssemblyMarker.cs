namespace ChatKit.Sqlite; internal static class AssemblyMarker { }
