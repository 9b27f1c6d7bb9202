namespace ChatKit.Postgres; internal static class AssemblyMarker { }
