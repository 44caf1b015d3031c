using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Collections.Immutable;
using System.Text;
using System.Threading;
using ConfigLint.Configuration;
using ConfigLint.Configuration.Settings;
using ConfigLint.Rules;
using ConfigLint.Rules.Typing;
using ConfigLint.Core.Engine;
using ConfigLint.Core.Model;
using ConfigLint.Core.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using CoreLocation = ConfigLint.Core.Text.SourceLocation;
using TextDecoder = ConfigLint.Core.Text.TextDecoder;

namespace ConfigLint.Analyzers
{
    /// <summary>
    /// One compilation's lint run. Roslyn may call <see cref="AnalyzeFile"/> from several threads; the engine's run is
    /// thread-safe and everything kept here is concurrent. Nothing escapes as an exception: a failure becomes CL9001.
    /// </summary>
    internal sealed class LintSession
    {
        private static readonly Dictionary<Severity, ImmutableDictionary<string, string?>> SeverityProperties = ((Severity[])Enum.GetValues(typeof(Severity)))
            .ToDictionary(s => s, s => ImmutableDictionary<string, string?>.Empty.Add(ConfigLintAnalyzer.SeverityProperty, s.ToName()));

        private readonly RuleCatalog _catalog;
        private AnalyzerConfigOptionsProvider _options;
        private readonly LintRun? _run;
        private readonly string? _projectDirectory;
        private readonly string? _helpBaseUri;
        private readonly ScopedGlobalConfigs _scoped;
        private readonly RunSettings _settings;
        private readonly LintEngine? _engine;
        private readonly ConcurrentDictionary<string, IReadOnlyList<ConfigProblem>> _settingsProblems = new ConcurrentDictionary<string, IReadOnlyList<ConfigProblem>>(StringComparer.Ordinal);

        /// <summary>Files linted in this run, by the path the engine saw.</summary>
        private readonly ConcurrentDictionary<string, LintedFile> _files = new ConcurrentDictionary<string, LintedFile>(StringComparer.Ordinal);

        private AnalyzerSuppressions? _suppressions;

        /// <summary>The project's global <c>dotnet_diagnostic.ID.severity</c> for an ID the compiler cannot apply itself (a custom rule's).</summary>
        private Func<string, ReportDiagnostic?> _globalCompilerOption;

        /// <summary>The additional files this session was made for (an early session is handed over only for the same ones).</summary>
        private readonly ImmutableArray<AdditionalText> _additionalFiles;

        /// <summary>Set once an early session (<see cref="EarlySessions"/>) is handed to the analyzer's compilation.</summary>
        private int _adopted;

        /// <summary>The exports being linted ahead on a second thread, in a command-line build (<see cref="ParallelBuildKey"/>).</summary>
        private readonly LintAhead? _ahead;

        public LintSession(RuleCatalog catalog, AnalyzerOptions options, CancellationToken cancellationToken, AnalyzerSuppressions? suppressions = null, CompilationOptions? compilationOptions = null)
        {
            _catalog = catalog;
            _additionalFiles = options.AdditionalFiles;
            // csc keeps a .globalconfig's dotnet_diagnostic keys in the tree options' global part; -nowarn and rule sets
            // (and hosts that fold the global config in) in the specific options.
            // A config file's keys are read lower-cased (dotnet_diagnostic.ACME001 is kept as "acme001"): try both.
            _globalCompilerOption = CompilerOptionLookup(compilationOptions, cancellationToken);
            _options = options.AnalyzerConfigOptionsProvider;
            _suppressions = suppressions;
            if (_options.GlobalOptions.TryGetValue(ProjectDirectoryKey, out var directory) && !string.IsNullOrWhiteSpace(directory))
            {
                _projectDirectory = directory.TrimEnd('/', '\\');
            }
            if ((_options.GlobalOptions.TryGetValue(HelpBaseKey, out var help) || _options.GlobalOptions.TryGetValue(HelpBaseSettingKey, out help)) && !string.IsNullOrWhiteSpace(help))
            {
                _helpBaseUri = help.Trim();
            }
            _scoped = ScopedConfigs(options.AdditionalFiles, cancellationToken);
            var settings = LoadSettings(options.AdditionalFiles, cancellationToken);
            bool badOptions = false;
            var ruleOptions = catalog.Engine == null ? null : BindOptions(settings, catalog.Engine.Pack, out badOptions);
            // Bad options make the settings file broken, and a broken settings file leaves the defaults, as in LoadSettings.
            _settings = badOptions ? RunSettings.Default : settings;
            var customPacks = catalog.Engine == null ? null : LoadPacks(options.AdditionalFiles, cancellationToken);
            // Custom packs, declared tenant roots (which need a typer that knows them) or rule options: this compilation
            // gets its own engine.
            _engine = (customPacks == null || customPacks.Count == 0) && _settings.TenantRoots.Count == 0 && ruleOptions == null
                ? catalog.Engine
                : Engine(customPacks ?? Array.Empty<(string, string)>(), ruleOptions);
            if (ruleOptions != null)
            {
                var text = ruleOptions.Serialize();
                if (text.Length > 0) _severityProperties = SeverityProperties.ToDictionary(p => p.Key, p => p.Value.Add(ConfigLintAnalyzer.OptionsProperty, text));
            }
            _run = _engine?.StartRun();
            if (_run != null && IsParallelBuild(_options))
            {
                _ahead = new LintAhead(this, options.AdditionalFiles, cancellationToken);
            }
        }

        private static Func<string, ReportDiagnostic?> CompilerOptionLookup(CompilationOptions? compilationOptions, CancellationToken cancellationToken) =>
            id => GlobalCompilerOption(compilationOptions, id, cancellationToken) ?? GlobalCompilerOption(compilationOptions, id.ToLowerInvariant(), cancellationToken);

        /// <summary>The global keys the constructor reads: an early session is handed over only where they are the same.</summary>
        private static readonly string[] SessionKeys = { ProjectDirectoryKey, HelpBaseKey, HelpBaseSettingKey, SettingsFileKey, ParallelBuildKey };

        /// <summary>
        /// Hands this session, started early by <see cref="EarlySessions"/>, to the analyzer's compilation: once, and only
        /// when the compilation has the same additional files (the same objects, so the same texts) and the same values
        /// for every global key the session was made from. From then on it reports with the compilation's own options.
        /// </summary>
        internal bool TryAdopt(AnalyzerOptions options, CompilationOptions? compilationOptions, AnalyzerSuppressions? suppressions, CancellationToken cancellationToken)
        {
            var files = options.AdditionalFiles;
            if (files.Length != _additionalFiles.Length) return false;
            for (int i = 0; i < files.Length; i++)
            {
                if (!ReferenceEquals(files[i], _additionalFiles[i])) return false;
            }
            foreach (var key in SessionKeys)
            {
                options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(key, out var now);
                _options.GlobalOptions.TryGetValue(key, out var then);
                if (!string.Equals(now, then, StringComparison.Ordinal)) return false;
            }
            if (Interlocked.Exchange(ref _adopted, 1) != 0) return false;
            _options = options.AnalyzerConfigOptionsProvider;
            _globalCompilerOption = CompilerOptionLookup(compilationOptions, cancellationToken);
            _suppressions = suppressions;
            return true;
        }

        /// <summary>Whether a compilation took this early session over.</summary>
        internal bool IsAdopted => Volatile.Read(ref _adopted) != 0;

        /// <summary>Lints ahead on the calling thread now, not from the first file's callback on (an early session's thread).</summary>
        internal void LintAheadOnThisThread() => _ahead?.RunHere();

        /// <summary>Stops linting ahead after the file in hand (an early session nobody took).</summary>
        internal void StopAhead() => _ahead?.Stop();

        private static ReportDiagnostic? GlobalCompilerOption(CompilationOptions? options, string id, CancellationToken cancellationToken) =>
            options == null ? null
            : options.SpecificDiagnosticOptions.TryGetValue(id, out var specific) ? specific
            : options.SyntaxTreeOptionsProvider != null && options.SyntaxTreeOptionsProvider.TryGetGlobalDiagnosticValue(id, cancellationToken, out var report) ? report
            : (ReportDiagnostic?)null;

        /// <summary>Custom rule packs' files among the AdditionalFiles (linted as rules, not as exports), by full path.</summary>
        private readonly HashSet<string> _packFiles = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>Problems with the custom packs (CL0025), reported at compilation end; the built-in rules apply.</summary>
        private readonly List<ConfigProblem> _packProblems = new List<ConfigProblem>();

        /// <summary>The custom rules' IDs, which configuration keys may name like the built-in ones.</summary>
        private readonly HashSet<string> _customIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// The packs the settings file names (<c>packs:</c>, relative to its folder: a file, or a folder's .yaml/.yml
        /// files), read from the AdditionalFiles, never from disk. A pack that is not an AdditionalFile is a CL0025 error.
        /// </summary>
        private IReadOnlyList<(string Name, string Text)> LoadPacks(ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
        {
            var main = _settings.Settings;
            var packs = new List<(string Name, string Text)>();
            if (main == null || main.Packs.Count == 0) return packs;
            foreach (var entry in main.Packs)
            {
                var full = FullPath(System.IO.Path.Combine(main.Directory, entry));
                var matched = files.Where(f =>
                {
                    var path = FullPath(f.Path);
                    bool yaml = path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
                    return string.Equals(path, full, StringComparison.Ordinal) || (yaml && string.Equals(FullPath(System.IO.Path.GetDirectoryName(path) ?? string.Empty), full, StringComparison.Ordinal));
                }).OrderBy(f => FullPath(f.Path), StringComparer.Ordinal).ToList();
                if (matched.Count == 0)
                {
                    var at = new CoreLocation(EnginePath(main.Path), new Core.Text.LinePosition(1, 1), new Core.Text.LinePosition(1, 1), 0, 0);
                    _packProblems.Add(new ConfigProblem(ConfigurationDiagnostics.InvalidRulePack, at,
                        $"rule pack '{entry}' (packs:) is not among the AdditionalFiles, so its rules did not run; add <AdditionalFiles Include=\"{entry}\" /> to the project"));
                    continue;
                }
                foreach (var file in matched)
                {
                    if (!_packFiles.Add(file.Path)) continue;
                    packs.Add((EnginePath(file.Path), file.GetText(cancellationToken)?.ToString() ?? string.Empty));
                }
            }
            return packs;
        }

        /// <summary>This compilation's engine: the custom packs (if they load) and the declared tenant roots.</summary>
        private LintEngine Engine(IReadOnlyList<(string Name, string Text)> customPacks, RuleOptions? ruleOptions)
        {
            var pack = IntunePack.Create();
            if (customPacks.Count > 0)
            {
                try
                {
                    pack = IntunePack.Create(customPacks);
                    foreach (var rule in pack.DeclarativeRules) _customIds.Add(rule.Descriptor.Id);
                    _customIds.ExceptWith(IntunePack.Create().Descriptors.Select(d => d.Id));
                }
                catch (ConfigLint.Core.Rules.RulePackException ex)
                {
                    // As the CLI names it (file(line,col): reason), at that line of the pack; the built-in rules apply.
                    var at = new CoreLocation(ex.Pack, new Core.Text.LinePosition(ex.Line, ex.Column), new Core.Text.LinePosition(ex.Line, ex.Column), 0, 0);
                    _packProblems.Add(new ConfigProblem(ConfigurationDiagnostics.InvalidRulePack, at, ex.Message));
                }
            }
            if (_settings.TenantRoots.Count > 0)
            {
                pack = IntunePack.Create(pack, new ExportLayout(_settings.TenantRoots.Select(r => string.Equals(r, _projectDirectory, StringComparison.Ordinal) ? "." : EnginePath(r))));
            }
            return new LintEngine(pack, ruleOptions);
        }

        private static string FullPath(string path) => System.IO.Path.GetFullPath(path).Replace('\\', '/').TrimEnd('/');

        /// <summary>
        /// Set by the package props in command-line builds only (not in the IDE's design-time builds): Roslyn's driver
        /// hands additional files over one at a time on one thread, so the build's lint would use one core; with this,
        /// a second thread lints the exports from the last one backwards while the driver goes forwards.
        /// </summary>
        public const string ParallelBuildKey = "build_property.ConfigLintParallelBuild";

        internal static bool IsParallelBuild(AnalyzerConfigOptionsProvider options) =>
            options.GlobalOptions.TryGetValue(ParallelBuildKey, out var parallel) && string.Equals(parallel?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

        /// <summary>Per severity, the diagnostic properties (with the rule options in force when they are not the defaults).</summary>
        private readonly Dictionary<Severity, ImmutableDictionary<string, string?>> _severityProperties = SeverityProperties;

        /// <summary>
        /// The settings file's rule options, checked against the pack's declarations as the CLI checks them; null when
        /// none are set. A bad one (unknown name, wrong kind, out of range) is a CL0009 on the settings file, and the
        /// defaults apply, as for any broken settings file.
        /// </summary>
        private RuleOptions? BindOptions(RunSettings run, RulePack pack, out bool broken)
        {
            broken = false;
            var settings = run.Settings;
            if (settings == null || settings.Options.Count == 0) return null;
            var options = OptionBinding.Bind(settings, pack.Options, out var problems);
            if (problems.Count == 0) return options;
            broken = true;
            _settingsProblems.AddOrUpdate(settings.Path, problems, (_, earlier) => earlier.Concat(problems).ToList());
            return null;
        }

        /// <summary>Made visible by the package props: the settings file chosen in the project (the CLI's --settings).</summary>
        public const string SettingsFileKey = "build_property.ConfigLintSettingsFile";

        /// <summary>
        /// configlint.yaml among the AdditionalFiles: the chosen one (ConfigLintSettingsFile, else the one in the project
        /// folder) applies; any may mark its folder as a tenant. A broken one is reported (CL0009) when Roslyn hands it
        /// over, and the defaults apply, as they would with no settings file.
        /// </summary>
        private RunSettings LoadSettings(ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
        {
            string? chosen = _options.GlobalOptions.TryGetValue(SettingsFileKey, out var configured) && !string.IsNullOrWhiteSpace(configured) ? configured : null;
            ConfigLintSettings? main = null;
            var markers = new List<ConfigLintSettings>();
            var folders = new HashSet<string>(StringComparer.Ordinal);
            bool broken = false;
            foreach (var file in files)
            {
                var directory = System.IO.Path.GetDirectoryName(file.Path) ?? string.Empty;
                bool named = chosen != null && string.Equals(System.IO.Path.GetFullPath(chosen), System.IO.Path.GetFullPath(file.Path), StringComparison.Ordinal);
                if (!SettingsLoader.IsSettingsFile(file.Path) && !named)
                {
                    folders.Add(directory);
                    continue;
                }
                var text = file.GetText(cancellationToken)?.ToString() ?? string.Empty;
                var settings = SettingsLoader.Load(file.Path, EnginePath(file.Path), text, out var problems);
                if (problems.Count > 0)
                {
                    _settingsProblems[file.Path] = problems;
                    broken = true;
                    continue;
                }
                bool isMain = chosen != null
                    ? named
                    : _projectDirectory != null && string.Equals(directory.TrimEnd('/', '\\'), _projectDirectory, StringComparison.Ordinal);
                if (isMain) main = settings;
                else markers.Add(settings);
            }
            return broken ? RunSettings.Default : RunSettings.Create(main, markers, folders);
        }

        /// <summary>
        /// The <c>.globalconfig</c> files below the project folder, which the package passes as AdditionalFiles so that
        /// each applies to its own folder only (<see cref="ScopedGlobalConfigs"/>); the compiler applies the others.
        /// </summary>
        private ScopedGlobalConfigs ScopedConfigs(ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
        {
            if (_projectDirectory == null) return ScopedGlobalConfigs.None;
            var configs = new List<(string, string)>();
            foreach (var file in files)
            {
                if (!AnalyzerConfigValidator.IsConfigFile(file.Path) || ScopedGlobalConfigs.IsProjectWide(file.Path, _projectDirectory)) continue;
                var text = file.GetText(cancellationToken);
                if (text != null) configs.Add((file.Path, text.ToString()));
            }
            return configs.Count == 0 ? ScopedGlobalConfigs.None : ScopedGlobalConfigs.Create(configs, _projectDirectory);
        }

        /// <summary>The help-link base: MSBuild property <c>ConfigLintHelpBaseUri</c>, else the global-config key <c>configlint.help_base_uri</c>.</summary>
        public const string HelpBaseKey = "build_property.ConfigLintHelpBaseUri";

        public const string HelpBaseSettingKey = AnalyzerConfigValidator.HelpBaseUriKey;

        /// <summary>Made visible by the package props (CompilerVisibleProperty), so paths can be relative to the repo.</summary>
        public const string ProjectDirectoryKey = "build_property.MSBuildProjectDirectory";

        public void AnalyzeFile(AdditionalFileAnalysisContext context) => AnalyzeFile(context.AdditionalFile, context.ReportDiagnostic, context.CancellationToken);

        /// <summary>What Roslyn's additional-file callback does, with the diagnostics going to <paramref name="report"/> (the warm-up collects them).</summary>
        internal void AnalyzeFile(AdditionalText file, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            if (AnalyzerConfigValidator.IsConfigFile(file.Path))
            {
                ValidateConfig(file, report, cancellationToken);
                return;
            }
            if (_settingsProblems.TryGetValue(file.Path, out var settingsProblems))
            {
                var length = file.GetText(cancellationToken)?.Length ?? 0;
                var options = _options.GetOptions(file);
                foreach (var problem in settingsProblems)
                {
                    var diagnostic = ToDiagnostic(problem.ToFinding(), options, file.Path, length);
                    if (diagnostic != null) report(diagnostic);
                }
                return;
            }
            // Other tools' additional files (stylecop.json, release notes, the settings file) and rule packs are not exports.
            if (!IsLinted(file.Path)) return;
            try
            {
                var options = _options.GetOptions(file);
                if (_run == null)
                {
                    report(InternalError(StartOf(file.Path), $"ConfigLint could not load its rules, so this file was not checked: {_catalog.LoadFailure}"));
                    return;
                }

                var (result, length) = _ahead != null && _ahead.TryTake(file.Path, out var ahead) ? ahead.Value : LintFile(file, cancellationToken);
                foreach (var finding in result.Findings)
                {
                    var diagnostic = ToDiagnostic(finding, options, file.Path, length);
                    if (diagnostic != null) report(diagnostic);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                report(InternalError(StartOf(file.Path), $"the ConfigLint analyzer failed on this file: {ex.GetType().Name}: {ex.Message}"));
            }
        }

        /// <summary>Whether an additional file is an export this run lints (not another tool's file, not excluded by the settings).</summary>
        private bool IsLinted(string path) =>
            !AnalyzerConfigValidator.IsConfigFile(path) && !_settingsProblems.ContainsKey(path) && ExportFiles.IsExport(path) && _settings.Includes(path) && !_packFiles.Contains(path);

        /// <summary>Lints one export into the run; the text's length bounds the diagnostics' spans.</summary>
        private (FileResult Result, int Length) LintFile(AdditionalText file, CancellationToken cancellationToken)
        {
            var path = EnginePath(file.Path);
            // A command-line compiler's file is read as bytes and decoded as the CLI decodes it (CompilerFiles).
            if (CompilerFiles.TryReadBytes(file) is byte[] bytes)
            {
                var decoded = TextDecoder.DecodeInPlace(bytes);
                return (RunFor(path, file, decoded.Length).LintDecoded(path, decoded), decoded.Length);
            }
            var text = file.GetText(cancellationToken);
            int length = text?.Length ?? 0;
            var run = RunFor(path, file, length);
            var result = text == null
                ? run.ReportUnreadable(path, "the compiler could not read it")
                : Lint(run, path, text);
            return (result, length);
        }

        /// <summary>The session's run for a file met the first time; a run of its own for a file handed over again.</summary>
        private LintRun RunFor(string path, AdditionalText file, int length) =>
            // The IDE may hand the same file over again; tenant rules must observe it once per compilation.
            _files.TryAdd(path, new LintedFile(file, length)) ? _run! : _engine!.StartRun();

        /// <summary>An .editorconfig/.globalconfig the package passed along: its ConfigLint keys are checked, as in the CLI.</summary>
        private void ValidateConfig(AdditionalText file, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            var text = file.GetText(cancellationToken);
            if (text == null) return;
            var options = _options.GetOptions(file);
            foreach (var problem in AnalyzerConfigValidator.Validate(EnginePath(file.Path), text.ToString(), id => _catalog.IsRule(id) || _customIds.Contains(id)))
            {
                var diagnostic = ToDiagnostic(problem.ToFinding(), options, file.Path, text.Length);
                if (diagnostic != null) report(diagnostic);
            }
        }

        public void Complete(CompilationAnalysisContext context) => Complete(context.ReportDiagnostic, context.CancellationToken);

        /// <summary>What the compilation-end callback does (tenant rules, rule-pack and suppression problems), reporting to <paramref name="report"/>.</summary>
        internal void Complete(Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            if (_run == null) return;
            try
            {
                foreach (var problem in _packProblems)
                {
                    // At its line in the pack (or the settings file) when Roslyn has that file; the pack text's length bounds the span.
                    var diagnostic = ToDiagnostic(problem.ToFinding(), _options.GlobalOptions, PackPath(problem.Location.Path), int.MaxValue);
                    if (diagnostic != null) report(diagnostic);
                }
                foreach (var finding in _run.Complete())
                {
                    // A tenant finding placed in a file takes that file's severity keys; one in no file, the global ones.
                    LintedFile? file = null;
                    if (finding.Location != null) _files.TryGetValue(finding.Location.Path, out file);
                    var options = file != null ? _options.GetOptions(file.Text) : _options.GlobalOptions;
                    var diagnostic = ToDiagnostic(finding, options, file?.Text.Path ?? finding.Location?.Path, file?.Length ?? int.MaxValue);
                    if (diagnostic != null) report(diagnostic);
                }
                if (_suppressions != null)
                {
                    // After every finding was matched: broken suppressions files, expired and unused entries.
                    foreach (var (finding, text, length) in _suppressions.Diagnostics())
                    {
                        var diagnostic = ToDiagnostic(finding, _options.GetOptions(text), text.Path, length);
                        if (diagnostic != null) report(diagnostic);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                report(InternalError(Location.None, $"the ConfigLint analyzer failed in its tenant-level rules: {ex.GetType().Name}: {ex.Message}"));
            }
        }

        /// <summary>
        /// Lints the text Roslyn decoded. Where Roslyn's decoding can differ from the CLI's (UTF-32, UTF-16 without a BOM,
        /// a BOM over content in another encoding, invalid bytes), the engine's decoder rebuilds the file's bytes from the
        /// text and its encoding and decides as the CLI does.
        /// </summary>
        /// <remarks>
        /// The characters are copied into a pooled buffer that the engine reads in place, not taken as a string: Roslyn
        /// keeps a large file (40K characters and up) in chunks, and <see cref="SourceText.ToString()"/> would copy each
        /// such file into a new string on the large-object heap, a quarter of the analyzer's allocations on a
        /// 1,700-file build and the trigger of its background collections. A small file's string is copied too: one path
        /// for every file is what the parity tests exercise, and a copy into a warm pooled buffer costs little.
        /// </remarks>
        private static FileResult Lint(LintRun run, string path, SourceText text)
        {
            var chars = System.Buffers.ArrayPool<char>.Shared.Rent(Math.Max(text.Length, 1));
            try
            {
                text.CopyTo(0, chars, 0, text.Length);
                return run.LintDecoded(path, TextDecoder.DecodeHostChars(chars, text.Length, text.Encoding));
            }
            finally
            {
                // LintDecoded has let go of the buffer (the engine keeps positions, never the characters).
                System.Buffers.ArrayPool<char>.Shared.Return(chars);
            }
        }

        /// <summary>
        /// The path given to the engine: relative to the project folder when the file is inside it, as the CLI shows
        /// paths relative to the folder it runs in, so that typing by folder name and messages come out the same.
        /// </summary>
        private string EnginePath(string path)
        {
            var root = _projectDirectory;
            if (root == null || path.Length <= root.Length + 1 || !path.StartsWith(root, StringComparison.OrdinalIgnoreCase)) return path;
            char separator = path[root.Length];
            return separator == '/' || separator == '\\' ? path.Substring(root.Length + 1) : path;
        }

        private Diagnostic? ToDiagnostic(Finding finding, AnalyzerConfigOptions options, string? filePath, int textLength)
        {
            // The compiler applies the project's dotnet_diagnostic severities itself, after this; not to a custom rule,
            // whose diagnostic has the ID CL0024, so its own dotnet_diagnostic setting is applied here, as the CLI does.
            bool custom = _customIds.Contains(finding.RuleId);
            var compilerOptions = custom && _globalCompilerOption(finding.RuleId) is { } configured
                ? ImmutableDictionary<string, ReportDiagnostic>.Empty.Add(finding.RuleId, configured)
                : ImmutableDictionary<string, ReportDiagnostic>.Empty;
            var project = new OptionLayer(key => options.TryGetValue(key, out var value) ? value : null, compilerOptions);
            var layers = finding.Location == null
                ? _scoped.LayersFor(ScopeFolder(finding.Scope), isFolder: true, project)
                : _scoped.LayersFor(filePath, isFolder: false, project);
            var severity = SeverityResolver.Resolve(finding.RuleId, finding.Severity, layers, applyProjectCompilerOptions: custom, s => _settings.Apply(finding.Rule, s));
            // A global dotnet_diagnostic severity is the compiler's to apply, after this; the CLI applies it itself.
            if (severity != Severity.None && !custom && _globalCompilerOption(finding.RuleId) is { } global
                && SeverityResolver.ApplyCompilerOption(severity, global) == Severity.None)
            {
                severity = Severity.None;
            }
            if (severity == Severity.None)
            {
                // Turned off by the configuration: nothing to report, but a suppression of it is not unused (as in the CLI).
                _suppressions?.NoteDisabled(finding, SuppressionPath(finding, filePath));
                return null;
            }

            var properties = _severityProperties[severity];
            if (_suppressions != null)
            {
                finding = _suppressions.Apply(finding, SuppressionPath(finding, filePath));
                if (finding.Suppression != null) properties = AnalyzerSuppressions.WithSuppression(properties, finding.Suppression);
            }

            var location = ToLocation(finding.Location, filePath, textLength);
            if (custom)
            {
                // Roslyn knows only the IDs declared when the analyzer loaded: a custom rule reports as CL0024, with its
                // own ID first in the message and its own (configured) severity.
                var umbrella = _catalog.Find(ConfigurationDiagnostics.CustomRule.Id, _helpBaseUri)!;
                return Diagnostic.Create(umbrella, location, RuleCatalog.ToRoslyn(severity), additionalLocations: null,
                    properties: properties.Add(ConfigLintAnalyzer.CustomRuleIdProperty, finding.RuleId), messageArgs: finding.RuleId + ": " + finding.MessageWithScope);
            }
            var descriptor = _catalog.Find(finding.RuleId, _helpBaseUri);
            if (descriptor == null)
            {
                // Cannot happen while the engine reports only catalog rules; never drop a finding if it does.
                return InternalError(location, $"ConfigLint reported {finding.RuleId}, which is not in the catalog: {finding.Message}");
            }
            return Diagnostic.Create(descriptor, location, RuleCatalog.ToRoslyn(severity), additionalLocations: null,
                properties: properties, messageArgs: finding.MessageWithScope);
        }

        /// <summary>A pack problem's file (an engine path) as Roslyn's full path.</summary>
        private string PackPath(string enginePath)
        {
            if (_projectDirectory == null || System.IO.Path.IsPathRooted(enginePath)) return enginePath;
            return _projectDirectory + "/" + enginePath;
        }

        /// <summary>The finding's file (or its export folder) as a full path, the form suppressions files are matched in.</summary>
        private string? SuppressionPath(Finding finding, string? filePath)
        {
            string? path = finding.Location != null ? filePath ?? finding.Location.Path : finding.Scope;
            if (path == null) return null;
            bool rooted = path.StartsWith("/", StringComparison.Ordinal) || path.StartsWith("\\", StringComparison.Ordinal) || (path.Length > 1 && path[1] == ':');
            if (rooted || _projectDirectory == null) return path;
            return path.Length == 0 ? _projectDirectory : _projectDirectory + "/" + path;
        }

        /// <summary>A tenant scope (engine path) as a full folder path, for the configs scoped to folders.</summary>
        private string? ScopeFolder(string? scope)
        {
            if (_projectDirectory == null || (scope != null && System.IO.Path.IsPathRooted(scope))) return scope;
            return string.IsNullOrEmpty(scope) ? _projectDirectory : _projectDirectory + "/" + scope;
        }

        private Diagnostic InternalError(Location location, string message) =>
            Diagnostic.Create(_catalog.InternalError, location, message);

        /// <summary>Engine positions are 1-based with an exclusive end; Roslyn's are 0-based. Offsets are kept inside the text.</summary>
        internal static Location ToLocation(CoreLocation? location, string? filePath, int textLength)
        {
            if (location == null) return Location.None;
            filePath ??= location.Path;
            int start = Clamp(location.StartOffset, 0, textLength);
            int end = Clamp(location.EndOffset, start, textLength);
            var startPosition = new LinePosition(Math.Max(0, location.Start.Line - 1), Math.Max(0, location.Start.Column - 1));
            var endPosition = new LinePosition(Math.Max(0, location.End.Line - 1), Math.Max(0, location.End.Column - 1));
            if (endPosition < startPosition) endPosition = startPosition;
            return Location.Create(filePath, TextSpan.FromBounds(start, end), new LinePositionSpan(startPosition, endPosition));
        }

        private static Location StartOf(string path) =>
            Location.Create(path, new TextSpan(0, 0), new LinePositionSpan(LinePosition.Zero, LinePosition.Zero));

        private static int Clamp(int value, int min, int max) => value < min ? min : value > max ? max : value;

        /// <summary>
        /// Lints the exports ahead of Roslyn's driver on one more thread. Each export is linted once, by whichever thread
        /// gets to it first (the other waits for that one file, where they meet); the driver's callback takes the
        /// result and still turns it into diagnostics itself. The run is the same thread-safe run the callbacks use,
        /// and its findings do not depend on the order files arrive in (the IDE's order is arbitrary too).
        /// </summary>
        private sealed class LintAhead
        {
            private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<(FileResult, int)>> _pending =
                new System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<(FileResult, int)>>(StringComparer.Ordinal);

            private readonly List<Lazy<(FileResult, int)>> _order = new List<Lazy<(FileResult, int)>>();
            private readonly CancellationToken _cancellationToken;
            private int _started;
            private volatile bool _stopped;

            public LintAhead(LintSession session, ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
            {
                _cancellationToken = cancellationToken;
                foreach (var file in files)
                {
                    if (!session.IsLinted(file.Path)) continue;
                    var lazy = new Lazy<(FileResult, int)>(() => session.LintFile(file, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
                    if (_pending.TryAdd(file.Path, lazy)) _order.Add(lazy);
                }
            }

            /// <summary>
            /// The pending lint of a file, once: a file handed over again (the IDE does that) is linted afresh, as without
            /// this. The first call starts the second thread, so a host that never runs the callbacks costs nothing.
            /// </summary>
            public bool TryTake(string path, out Lazy<(FileResult, int)> result)
            {
                Start();
                return _pending.TryRemove(path, out result!);
            }

            public void Stop() => _stopped = true;

            public void Start()
            {
                if (Interlocked.Exchange(ref _started, 1) == 0 && _order.Count > 1)
                {
                    new Thread(Run) { IsBackground = true, Name = "ConfigLint lint-ahead" }.Start();
                }
            }

            /// <summary>What the second thread does, on the calling thread (which then is that thread).</summary>
            public void RunHere()
            {
                if (Interlocked.Exchange(ref _started, 1) == 0) Run();
            }

            private void Run()
            {
                for (int i = _order.Count - 1; i >= 0 && !_cancellationToken.IsCancellationRequested && !_stopped; i--)
                {
                    var lazy = _order[i];
                    // Where the driver's thread has got to: everything before this was taken or is being linted there.
                    if (lazy.IsValueCreated) return;
                    try
                    {
                        _ = lazy.Value;
                    }
                    catch (Exception)
                    {
                        // Kept in the Lazy: the driver's callback for this file reports it (CL9001), as it would have.
                    }
                }
            }
        }

        private sealed class LintedFile
        {
            public LintedFile(AdditionalText text, int length)
            {
                Text = text;
                Length = length;
            }

            public AdditionalText Text { get; }
            public int Length { get; }
        }
    }
}
