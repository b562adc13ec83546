using System.Runtime.Versioning;

// The tool and its tests rely on Unix file modes: key files are 0600 and others are refused.
[assembly: UnsupportedOSPlatform("windows")]
