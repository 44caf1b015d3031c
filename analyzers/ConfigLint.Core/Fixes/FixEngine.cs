using System;
using System.Collections.Generic;
using System.Linq;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Json;
using ConfigLint.Core.Model;
using ConfigLint.Core.Text;

namespace ConfigLint.Core.Fixes
{
    /// <summary>A fix that was checked: its finding, its edits and what it does.</summary>
    public sealed class ProposedFix
    {
        public ProposedFix(Finding finding, IRuleFix fix, IReadOnlyList<TextEdit> edits, string? title = null)
        {
            Finding = finding;
            Fix = fix;
            Edits = edits;
            Title = title ?? fix.Title;
        }

        public Finding Finding { get; }
        public IRuleFix Fix { get; }
        public IReadOnlyList<TextEdit> Edits { get; }
        public string RuleId => Finding.RuleId;
        /// <summary>What this fix does, with the value it writes (the rule option in force may choose it).</summary>
        public string Title { get; }
    }

    /// <summary>What fixing one text did.</summary>
    public sealed class FixOutcome
    {
        public FixOutcome(string originalText, string text, IReadOnlyList<ProposedFix> applied, IReadOnlyList<Finding> remaining)
        {
            OriginalText = originalText;
            Text = text;
            Applied = applied;
            Remaining = remaining;
        }

        public string OriginalText { get; }

        /// <summary>The fixed text (the original when nothing was fixed).</summary>
        public string Text { get; }

        public IReadOnlyList<ProposedFix> Applied { get; }

        /// <summary>The findings of the fixed text (located in this file), as the lint run reports them.</summary>
        public IReadOnlyList<Finding> Remaining { get; }

        public bool Changed => !ReferenceEquals(Text, OriginalText) && Text != OriginalText;
    }

    /// <summary>
    /// Finds, checks and applies fixes for one file's text. Every fix is tried on a copy and the copy is linted again
    /// in memory: a fix is offered only when the copy still parses, its own finding is gone and no finding appears
    /// that the original did not have. Both front ends (the <c>configlint fix</c> command and the IDE's code fix)
    /// go through here, so they write the same bytes.
    /// </summary>
    public sealed class FixEngine
    {
        private const int MaxRounds = 8;

        private readonly LintEngine _engine;
        private readonly Dictionary<string, IRuleFix> _fixes;
        private readonly RuleFixOptions _options;

        /// <param name="engine">The lint engine every fix is checked with.</param>
        /// <param name="fixes">The pack's fixes.</param>
        /// <param name="options">What option-driven fixes write; null: the options <paramref name="engine"/> lints with.</param>
        public FixEngine(LintEngine engine, IEnumerable<IRuleFix> fixes, RuleFixOptions? options = null)
        {
            _engine = engine;
            _options = options ?? RuleFixOptions.From(engine.Options);
            _fixes = new Dictionary<string, IRuleFix>(StringComparer.Ordinal);
            var known = new HashSet<string>(engine.Rules.Select(r => r.Id), StringComparer.Ordinal);
            foreach (var fix in fixes)
            {
                if (!known.Contains(fix.RuleId)) throw new InvalidOperationException($"a fix is declared for {fix.RuleId}, which is not a rule of the pack");
                if (_fixes.ContainsKey(fix.RuleId)) throw new InvalidOperationException($"rule {fix.RuleId} has two fixes");
                _fixes.Add(fix.RuleId, fix);
            }
        }

        public LintEngine Engine => _engine;

        /// <summary>The rules that have a fix, by ID.</summary>
        public IReadOnlyDictionary<string, IRuleFix> Fixes => _fixes;

        public bool HasFix(string ruleId) => _fixes.ContainsKey(ruleId);

        /// <summary>
        /// Lints one text on its own (file findings plus tenant-rule findings placed in it). Tenant findings about other
        /// files are out of reach of a one-file fix and are left out.
        /// </summary>
        public IReadOnlyList<Finding> Lint(string path, string text)
        {
            var run = _engine.StartRun();
            var result = run.LintText(path, text);
            var findings = new List<Finding>(result.Findings);
            foreach (var finding in run.Complete())
            {
                if (finding.Location != null && finding.Location.Path == path) findings.Add(finding);
            }
            return findings;
        }

        /// <summary>The checked fix for one finding (rule and start offset in the file), or null when none is offered.</summary>
        public ProposedFix? GetFix(string path, string text, string ruleId, int startOffset, Func<Finding, bool>? include = null)
        {
            if (!_fixes.ContainsKey(ruleId)) return null;
            var before = Filter(Lint(path, text), include);
            var finding = before.FirstOrDefault(f => f.RuleId == ruleId && f.Location != null && f.Location.StartOffset == startOffset);
            if (finding == null) return null;
            var proposed = Propose(Parse(path, text), finding);
            return proposed != null && Holds(path, text, before, new[] { proposed }, include) ? proposed : null;
        }

        /// <summary>
        /// Applies every checked fix, round by round until nothing fixable is left (a fix that moved text is recomputed
        /// on the new text). <paramref name="include"/> says which findings count at all (e.g. not those configured off);
        /// <paramref name="fixRule"/> which rules to fix (all when null).
        /// </summary>
        public FixOutcome FixAll(string path, string text, Func<Finding, bool>? include = null, Func<string, bool>? fixRule = null)
        {
            string original = text;
            var applied = new List<ProposedFix>();
            var before = Filter(Lint(path, text), include);
            for (int round = 0; round < MaxRounds; round++)
            {
                var candidates = before.Where(f => f.Location != null && _fixes.ContainsKey(f.RuleId) && (fixRule == null || fixRule(f.RuleId))).ToList();
                if (candidates.Count == 0) break;
                var documents = Parse(path, text);
                if (documents.Count == 0) break;

                var checkedFixes = new List<ProposedFix>();
                foreach (var finding in candidates)
                {
                    var proposed = Propose(documents, finding);
                    if (proposed == null) continue;
                    // Edits that touch the same place wait for the next round, computed on the text the others left.
                    if (checkedFixes.Any(c => c.Edits.Any(a => proposed.Edits.Any(b => a.Overlaps(b))))) continue;
                    if (Holds(path, text, before, new[] { proposed }, include)) checkedFixes.Add(proposed);
                }
                if (checkedFixes.Count == 0) break;

                var batch = checkedFixes;
                string next = TextEdit.Apply(text, batch.SelectMany(c => c.Edits));
                var after = Filter(Lint(path, next), include);
                if (batch.Count > 1 && !Covers(before, after, batch))
                {
                    // Each fix holds alone but not together: take the first, and look again next round.
                    batch = checkedFixes.Take(1).ToList();
                    next = TextEdit.Apply(text, batch[0].Edits);
                    after = Filter(Lint(path, next), include);
                }
                applied.AddRange(batch);
                text = next;
                before = after;
            }
            return new FixOutcome(original, applied.Count == 0 ? original : text, applied, before);
        }

        /// <summary>The fix of the document the finding lies in (a YAML stream or a container holds several).</summary>
        private ProposedFix? Propose(IReadOnlyList<(JsonDocument Document, IReadOnlyList<Resource> Resources)> documents, Finding finding)
        {
            foreach (var (document, resources) in documents)
            {
                if (resources.Count == 0) continue;
                var proposed = Propose(document, resources, finding);
                if (proposed != null) return proposed;
            }
            return null;
        }

        private ProposedFix? Propose(JsonDocument document, IReadOnlyList<Resource> resources, Finding finding)
        {
            var fix = _fixes[finding.RuleId];
            IReadOnlyList<TextEdit>? edits;
            try
            {
                edits = fix.GetEdits(new FixContext(document, resources, finding, _engine.Pack, _options));
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // A broken fix is no fix; the finding stays and says what is wrong.
                return null;
            }
            if (edits == null || edits.Count == 0) return null;
            int length = document.Original.Length;
            if (edits.Any(e => e.End > length)) return null;
            return new ProposedFix(finding, fix, edits, (fix as SettingFix)?.TitleFor(_options));
        }

        /// <summary>True when applying <paramref name="fixes"/> removes their findings and adds none.</summary>
        private bool Holds(string path, string text, IReadOnlyList<Finding> before, IReadOnlyList<ProposedFix> fixes, Func<Finding, bool>? include)
        {
            string next;
            try
            {
                next = TextEdit.Apply(text, fixes.SelectMany(f => f.Edits));
            }
            catch (InvalidOperationException)
            {
                return false;
            }
            if (next == text) return false;
            return Covers(before, Filter(Lint(path, next), include), fixes);
        }

        /// <summary>
        /// Compares findings as a multiset of (rule, message): positions move when text changes length, messages do
        /// not. The fixed text may hold only findings the original held, less one per fix.
        /// </summary>
        private static bool Covers(IReadOnlyList<Finding> before, IReadOnlyList<Finding> after, IReadOnlyList<ProposedFix> fixes)
        {
            var allowed = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var f in before) allowed[Key(f)] = allowed.TryGetValue(Key(f), out var n) ? n + 1 : 1;
            foreach (var fix in fixes)
            {
                var key = Key(fix.Finding);
                if (!allowed.TryGetValue(key, out var n) || n == 0) return false;
                allowed[key] = n - 1;
            }
            foreach (var f in after)
            {
                if (f.RuleId == RuleIdentifiers.InvalidJson || f.RuleId == RuleIdentifiers.InternalError) return false;
                var key = Key(f);
                if (!allowed.TryGetValue(key, out var n) || n == 0) return false;
                allowed[key] = n - 1;
            }
            return true;
        }

        private static string Key(Finding f) => f.RuleId + "\u0001" + f.Message;

        private static IReadOnlyList<Finding> Filter(IReadOnlyList<Finding> findings, Func<Finding, bool>? include) =>
            include == null ? findings : findings.Where(include).ToList();

        /// <summary>
        /// Reads the file as the lint did: shaped as the pack asks (documents inside strings, ignored keys), every
        /// document with its resources.
        /// </summary>
        private IReadOnlyList<(JsonDocument Document, IReadOnlyList<Resource> Resources)> Parse(string path, string text)
        {
            var source = new SourceText(path, text);
            var shape = _engine.Pack.Shape;
            var read = YamlTreeParser.IsYamlPath(path) ? YamlTreeParser.Read(source, shape) : JsonParser.Read(source, shape);
            return read.Documents.Select(d => (d, FixContext.ReadResources(d, _engine.Pack))).ToList();
        }
    }
}
