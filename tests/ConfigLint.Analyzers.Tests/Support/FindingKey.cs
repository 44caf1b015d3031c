using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ConfigLint.Core.Model;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace ConfigLint.Analyzers.Tests.Support
{
    /// <summary>One finding as a comparable line: ID, path, 1-based span (end exclusive), ConfigLint severity and message.</summary>
    internal static class FindingKey
    {
        public static string Of(string id, string? path, int line, int column, int endLine, int endColumn, string severity, string message) =>
            path == null ? $"{id} (no file) {severity}: {message}" : $"{id} {path}({line},{column}-{endLine},{endColumn}) {severity}: {message}";

        public static string Of(Finding finding, string? root = null)
        {
            var l = finding.Location;
            return l == null
                ? Of(finding.RuleId, null, 0, 0, 0, 0, finding.Severity.ToName(), finding.MessageWithScope)
                : Of(finding.RuleId, Relative(l.Path, root), l.Start.Line, l.Start.Column, l.End.Line, l.End.Column, finding.Severity.ToName(), finding.Message);
        }

        public static string Of(Diagnostic diagnostic, string? root = null)
        {
            string severity = diagnostic.Properties.TryGetValue(ConfigLintAnalyzer.SeverityProperty, out var s) && s != null ? s : diagnostic.Severity.ToString();
            if (diagnostic.Location == Location.None) return Of(diagnostic.Id, null, 0, 0, 0, 0, severity, diagnostic.GetMessage());
            var span = diagnostic.Location.GetLineSpan();
            return Of(diagnostic.Id, Relative(span.Path, root),
                span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1,
                span.EndLinePosition.Line + 1, span.EndLinePosition.Character + 1,
                severity, diagnostic.GetMessage());
        }

        /// <summary>Equal as multisets; on failure lists what each side has that the other lacks.</summary>
        public static void AssertSame(IEnumerable<string> actual, IEnumerable<string> expected, string actualName, string expectedName)
        {
            var a = actual.OrderBy(k => k, StringComparer.Ordinal).ToList();
            var e = expected.OrderBy(k => k, StringComparer.Ordinal).ToList();
            if (a.SequenceEqual(e)) return;
            var onlyActual = a.ToList();
            foreach (var k in e) onlyActual.Remove(k);
            var onlyExpected = e.ToList();
            foreach (var k in a) onlyExpected.Remove(k);
            Assert.Fail($"{actualName} and {expectedName} differ.\nOnly from {actualName}:\n  {string.Join("\n  ", onlyActual)}\nOnly from {expectedName}:\n  {string.Join("\n  ", onlyExpected)}");
        }

        public static string Relative(string path, string? root) =>
            root == null ? path : Path.GetRelativePath(root, path).Replace('\\', '/');
    }
}
