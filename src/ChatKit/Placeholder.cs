namespace ChatKit; internal static class Placeholder {}
