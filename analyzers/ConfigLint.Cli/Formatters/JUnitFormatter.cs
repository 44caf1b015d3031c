using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using ConfigLint.Cli.Formatters.Escaping;
using ConfigLint.Core.Model;

namespace ConfigLint.Cli.Formatters
{
    /// <summary>
    /// JUnit XML (<c>--format junit</c>) in the Surefire/Ant form that Azure DevOps' "Publish Test Results" (JUnit) and
    /// GitLab's <c>artifacts:reports:junit</c> read; it validates against the Jenkins xUnit plugin's <c>junit-10.xsd</c>
    /// (https://github.com/jenkinsci/xunit-plugin, vendored in the tests).
    /// </summary>
    /// <remarks>
    /// One <c>testsuite</c> per rule, one <c>testcase</c> per resource that rule checked (per file for the input
    /// rules, per tenant export for the tenant rules), so passes show in the test tab. A finding at or above the fail
    /// level is a <c>failure</c> of its case, with <c>file(line,col)</c> and the message; a finding below it keeps its
    /// case passing and is printed in the case's <c>system-out</c>. Suites are grouped by rule, so the cases are kept
    /// until the end: one small record per checked (rule, resource) pair.
    /// </remarks>
    public sealed class JUnitFormatter : IFormatter
    {
        public string Name => "junit";

        public IReportWriter Open(ReportHeader header, TextWriter writer) => new Writer(header, writer);

        private sealed class Case
        {
            public Case(string name, string className)
            {
                Name = name;
                ClassName = className;
            }

            public string Name { get; }
            public string ClassName { get; }
            public List<(Finding Finding, FindingOrigin Origin)> Findings { get; } = new List<(Finding, FindingOrigin)>();
        }

        private sealed class Writer : IReportWriter
        {
            private readonly ReportHeader _header;
            private readonly TextWriter _writer;
            private readonly Dictionary<string, Dictionary<string, Case>> _suites = new Dictionary<string, Dictionary<string, Case>>(StringComparer.Ordinal);
            private readonly HashSet<string> _fileRules;
            private readonly HashSet<string> _tenantRules;
            private readonly HashSet<string> _scopes = new HashSet<string>(StringComparer.Ordinal);

            public Writer(ReportHeader header, TextWriter writer)
            {
                _header = header;
                _writer = writer;
                _fileRules = new HashSet<string>(header.Applicability?.FileRules ?? Array.Empty<string>(), StringComparer.Ordinal);
                _tenantRules = new HashSet<string>(header.Applicability?.TenantRules ?? Array.Empty<string>(), StringComparer.Ordinal);
                foreach (var rule in header.Rules) _suites[rule.Id] = new Dictionary<string, Case>(StringComparer.Ordinal);
            }

            public void File(LintedFile file)
            {
                foreach (var id in _fileRules) CaseFor(id, FileKey(file.Path), () => file.Path);
                if (_scopes.Add(file.Scope))
                {
                    foreach (var id in _tenantRules) CaseFor(id, TenantKey(file.Scope), () => TenantName(file.Scope));
                }
                foreach (var check in file.Checked)
                {
                    CaseFor(check.RuleId, ResourceKey(file.Path, check.Type, check.Name), () => ResourceName(file.Path, check.Type, check.Name, check.Line));
                }
            }

            public void Finding(Finding finding, FindingOrigin origin)
            {
                // A suppressed finding is an accepted risk: counted in the summary, kept in SARIF and JSON, not one to act on.
                if (finding.Suppression != null) return;
                Case @case;
                if (origin.IsAnchored)
                {
                    @case = CaseFor(finding.RuleId, TenantKey(origin.Scope!), () => TenantName(origin.Scope!));
                }
                else if (_fileRules.Contains(finding.RuleId) || finding.Subject == null)
                {
                    @case = CaseFor(finding.RuleId, FileKey(origin.Path), () => origin.Path);
                }
                else
                {
                    var subject = finding.Subject;
                    @case = CaseFor(finding.RuleId, ResourceKey(origin.Path, subject.ResourceType, subject.ResourceName), () => ResourceName(origin.Path, subject.ResourceType, subject.ResourceName, origin.Line));
                }
                @case.Findings.Add((finding, origin));
            }

            private Case CaseFor(string ruleId, string key, Func<string> name)
            {
                if (!_suites.TryGetValue(ruleId, out var cases)) _suites[ruleId] = cases = new Dictionary<string, Case>(StringComparer.Ordinal);
                if (!cases.TryGetValue(key, out var @case)) cases[key] = @case = new Case(name(), "configlint." + ruleId);
                return @case;
            }

            private static string FileKey(string path) => "file\u0000" + path;

            private static string TenantKey(string scope) => "tenant\u0000" + scope;

            private static string ResourceKey(string path, string? type, string? name) => "resource\u0000" + path + "\u0000" + type + "\u0000" + name;

            private static string TenantName(string scope) => "tenant export " + (scope.Length == 0 ? "." : scope);

            private static string ResourceName(string path, string? type, string? name, int line) =>
                $"{path}: {(name == null ? "resource at line " + line.ToString(CultureInfo.InvariantCulture) : "'" + name + "'")}{(type == null ? string.Empty : " (" + type + ")")}";

            public void End(ReportSummary summary)
            {
                var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false, CloseOutput = false };
                var names = _header.Rules.ToDictionary(r => r.Id, r => r, StringComparer.Ordinal);
                using (var xml = XmlWriter.Create(_writer, settings))
                {
                    string time = (summary.EndTime - _header.StartTime).TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
                    int tests = _suites.Values.Sum(s => s.Count);
                    int failures = _suites.Values.Sum(s => s.Values.Count(Fails));
                    xml.WriteStartElement("testsuites");
                    xml.WriteAttributeString("name", "ConfigLint");
                    xml.WriteAttributeString("tests", Text(tests));
                    xml.WriteAttributeString("failures", Text(failures));
                    xml.WriteAttributeString("errors", "0");
                    xml.WriteAttributeString("time", time);
                    foreach (var (id, cases) in _suites.OrderBy(s => s.Key, StringComparer.Ordinal))
                    {
                        if (cases.Count == 0) continue;
                        names.TryGetValue(id, out var rule);
                        xml.WriteStartElement("testsuite");
                        xml.WriteAttributeString("name", rule == null ? id : $"{id} {rule.Name}");
                        xml.WriteAttributeString("tests", Text(cases.Count));
                        xml.WriteAttributeString("failures", Text(cases.Values.Count(Fails)));
                        xml.WriteAttributeString("errors", "0");
                        xml.WriteAttributeString("skipped", "0");
                        xml.WriteAttributeString("timestamp", _header.StartTime.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
                        if (rule != null)
                        {
                            xml.WriteStartElement("properties");
                            Property(xml, "title", rule.Title);
                            Property(xml, "category", rule.Category);
                            Property(xml, "defaultSeverity", rule.DefaultSeverity.ToName());
                            xml.WriteEndElement();
                        }
                        foreach (var @case in cases.Values.OrderBy(c => c.Name, StringComparer.Ordinal)) WriteCase(xml, @case);
                        xml.WriteEndElement();
                    }
                    xml.WriteEndElement();
                }
                _writer.WriteLine();
            }

            private bool Fails(Case @case) => @case.Findings.Any(f => _header.Fails(f.Finding.Severity));

            private void WriteCase(XmlWriter xml, Case @case)
            {
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("name", VisibleText.Escape(@case.Name));
                xml.WriteAttributeString("classname", @case.ClassName);
                xml.WriteAttributeString("time", "0");
                var passing = new StringBuilder();
                foreach (var (finding, origin) in @case.Findings)
                {
                    string line = ConsoleFormatter.FileLine(finding, origin);
                    if (_header.Fails(finding.Severity))
                    {
                        xml.WriteStartElement("failure");
                        xml.WriteAttributeString("type", finding.Severity.ToName());
                        xml.WriteAttributeString("message", VisibleText.Escape(finding.MessageWithScope));
                        xml.WriteString(line);
                        xml.WriteEndElement();
                    }
                    else
                    {
                        passing.Append(line).Append('\n');
                    }
                }
                if (passing.Length > 0) xml.WriteElementString("system-out", passing.ToString());
                xml.WriteEndElement();
            }

            private static void Property(XmlWriter xml, string name, string value)
            {
                xml.WriteStartElement("property");
                xml.WriteAttributeString("name", name);
                xml.WriteAttributeString("value", VisibleText.Escape(value));
                xml.WriteEndElement();
            }

            private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);
        }
    }
}
