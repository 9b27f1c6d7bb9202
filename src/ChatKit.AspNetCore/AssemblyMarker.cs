namespace ChatKit.AspNetCore; internal static class AssemblyMarker { }
