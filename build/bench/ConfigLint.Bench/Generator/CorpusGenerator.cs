using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace ConfigLint.Bench.Generator
{
    /// <summary>
    /// Writes a synthetic multi-tenant export tree. One scale unit (1×) is 2,000 resources, split into tenants of
    /// 200; each tenant is exported by one tool (IntuneManagement, IntuneCD, raw Graph pages or
    /// IntuneBackupAndRestore) with that tool's layout, metadata, text style and encoding.
    /// </summary>
    /// <remarks>
    /// Every tenant draws from its own random stream seeded by (seed, tenant index), so the output is the same on every
    /// run and machine, tenants can be written in parallel, and the 1× corpus is exactly the first tenth of the 20× one.
    /// </remarks>
    public sealed class CorpusGenerator
    {
        public const int ResourcesPerScaleUnit = 2000;
        public const int ResourcesPerTenant = 200;
        public const double RiskyShare = 0.21;

        private static readonly (string Kind, double Weight)[] KindWeights =
        {
            ("settingsCatalog", 0.38), ("legacy", 0.17), ("omaUri", 0.08), ("compliance", 0.15), ("mam", 0.12), ("branding", 0.03), ("misc", 0.07),
        };

        private static readonly (Tool Tool, double Weight)[] ToolWeights =
        {
            (Tool.IntuneManagement, 0.45), (Tool.IntuneCd, 0.30), (Tool.GraphPages, 0.15), (Tool.BackupAndRestore, 0.10),
        };

        public enum Tool { IntuneManagement, IntuneCd, GraphPages, BackupAndRestore }

        public enum FileEncoding { Utf8, Utf8Bom, Utf16LeBom }

        /// <summary>
        /// What the corpus looks like. <see cref="Synthetic"/>: the multi-tenant tree above (1× = 2,000 resources).
        /// <see cref="Real"/>: a config repository like the shared real corpus (342 exports, 13 MB: file sizes p10 2.0 KB,
        /// p50 15 KB, p90 73 KB; 11% UTF-16 LE, 19% UTF-8 with BOM): 1× = 340 resources, one per file, in three repositories
        /// of about 115 (two IntuneManagement, one IntuneCD, like the shared corpus's biggest three), sizes drawn from a
        /// log-normal fitted to the real percentiles and kept within 2 to 200 KB.
        /// </summary>
        public enum Shape { Synthetic, Real }

        /// <summary>Resources per 1× of the real shape, and per repository.</summary>
        public const int RealResourcesPerScaleUnit = 340;
        public const int RealResourcesPerTenant = 114;

        /// <summary>
        /// The log-normal of the padded kinds: its median is above the real 15 KB because compliance policies, scope tags
        /// and filters keep their natural 1 to 3 KB; sigma puts the real p90 (73 KB) at z = 1.2816.
        /// </summary>
        private const double RealMedianBytes = 19_000;
        private const double RealSigma = 1.235;

        private readonly int _seed;
        private readonly double _scale;
        private readonly Shape _shape;

        public CorpusGenerator(int seed, double scale, Shape shape = Shape.Synthetic)
        {
            _seed = seed;
            _scale = scale;
            _shape = shape;
        }

        public int ResourceCount => (int)Math.Round((_shape == Shape.Real ? RealResourcesPerScaleUnit : ResourcesPerScaleUnit) * _scale);

        private int PerTenant => _shape == Shape.Real ? RealResourcesPerTenant : ResourcesPerTenant;

        /// <summary>One written file and what it holds, for the manifest and the ground truth.</summary>
        public sealed class WrittenFile
        {
            public string RelativePath = "";
            public long Bytes;
            public Tool Tool;
            public FileEncoding Encoding;
            public bool Companion;
            public List<GeneratedResource> Resources = new List<GeneratedResource>();
        }

        public List<WrittenFile> Generate(string corpusDirectory)
        {
            int total = ResourceCount;
            int tenants = (total + PerTenant - 1) / PerTenant;
            var perTenant = new List<WrittenFile>[tenants];
            Parallel.For(0, tenants, t =>
            {
                int count = Math.Min(PerTenant, total - t * PerTenant);
                perTenant[t] = new TenantWriter(Mix(_seed, t), t, count, corpusDirectory, _shape).Write();
            });
            return perTenant.SelectMany(f => f).ToList();
        }

        /// <summary>SplitMix-style mixing, so neighbouring tenants get unrelated streams.</summary>
        private static int Mix(int seed, int index)
        {
            ulong z = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)(index + 1) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return (int)(z ^ (z >> 31));
        }

        private static T Weighted<T>(Random rng, (T Item, double Weight)[] table)
        {
            double p = rng.NextDouble() * table.Sum(t => t.Weight);
            foreach (var (item, weight) in table)
            {
                if (p < weight) return item;
                p -= weight;
            }
            return table[table.Length - 1].Item;
        }

        /// <summary>Log-uniform, like real export sizes: many small files, a long tail of large Settings Catalog policies.</summary>
        private static int LogUniform(Random rng, int min, int max) => (int)Math.Exp(Math.Log(min) + rng.NextDouble() * (Math.Log(max) - Math.Log(min)));

        /// <summary>Log-normal (Box-Muller), clamped: the real shape's file sizes.</summary>
        private static int LogNormal(Random rng, double median, double sigma, int min, int max)
        {
            double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
            double z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
            return (int)Math.Max(min, Math.Min(max, median * Math.Exp(sigma * z)));
        }

        private sealed class TenantWriter
        {
            private readonly Random _rng;
            private readonly int _index;
            private readonly int _count;
            private readonly string _root;
            private readonly string _tenantFolder;
            private readonly Tool _tool;
            private readonly ResourceFactory _factory;
            private readonly TextStyle _graphStyle;
            private readonly bool _ps51;
            private readonly Shape _shape;
            private readonly HashSet<string> _usedPaths = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            private readonly List<WrittenFile> _files = new List<WrittenFile>();

            public TenantWriter(int seed, int index, int count, string root, Shape shape)
            {
                _shape = shape;
                _rng = new Random(seed);
                _index = index;
                _count = count;
                _root = root;
                _tool = Weighted(_rng, ToolWeights);
                _tenantFolder = $"tenant-{index + 1:D4}";
                _factory = new ResourceFactory(_rng);
                _graphStyle = _rng.Next(2) == 0 ? TextStyle.Compact : TextStyle.Indented2;
                // IntuneBackupAndRestore under Windows PowerShell 5.1 writes UTF-16; under PowerShell 7, UTF-8.
                _ps51 = _rng.NextDouble() < 0.6;
                // The real shape: config repositories of one tool each, two IntuneManagement to one IntuneCD; no Graph
                // pages or IntuneBackupAndRestore (the shared corpus holds none). Drawn after the synthetic draws, which stay as they were.
                if (shape == Shape.Real) _tool = index % 3 == 1 ? Tool.IntuneCd : Tool.IntuneManagement;
            }

            public List<WrittenFile> Write()
            {
                var resources = new List<GeneratedResource>();
                bool exportsBranding = _tool == Tool.IntuneManagement || _tool == Tool.GraphPages;
                for (int i = 0; i < _count; i++)
                {
                    string kind = i == 0 && exportsBranding ? "branding" : Weighted(_rng, KindWeights);
                    // IntuneCD and IntuneBackupAndRestore have no branding module; IntuneBackupAndRestore no scope tags or filters.
                    if (kind == "branding" && !exportsBranding) kind = "settingsCatalog";
                    if (kind == "misc" && _tool == Tool.BackupAndRestore) kind = "settingsCatalog";
                    bool risky = kind != "misc" && _rng.NextDouble() < RiskyShare;
                    resources.Add(_factory.Create(kind, risky));
                }

                switch (_tool)
                {
                    case Tool.GraphPages:
                        WriteGraphPages(resources);
                        break;
                    default:
                        foreach (var r in resources) WriteSingle(r);
                        break;
                }
                if (_tool == Tool.IntuneManagement) WriteMigrationTable(resources);
                return _files;
            }

            // ---- Single-object exports ------------------------------------------------------------------------

            private void WriteSingle(GeneratedResource r)
            {
                TextStyle style;
                FileEncoding encoding;
                string folder;
                string fileName = Sanitize(r.Name);
                switch (_tool)
                {
                    case Tool.IntuneManagement:
                    {
                        bool native = r.Kind == "settingsCatalog" && _rng.NextDouble() < 0.1;
                        style = native ? TextStyle.Portal : TextStyle.PowerShell51;
                        double p = _rng.NextDouble();
                        // Real shape: 17% UTF-16 and 28% UTF-8 with BOM here give the real corpus's 11% and 19% over all files.
                        double utf16 = _shape == Shape.Real ? 0.17 : 0.4, bom = _shape == Shape.Real ? 0.45 : 0.7;
                        encoding = native ? FileEncoding.Utf8Bom : p < utf16 ? FileEncoding.Utf16LeBom : p < bom ? FileEncoding.Utf8Bom : FileEncoding.Utf8;
                        folder = $"{_tenantFolder}/Contoso{_index + 1:D4}/{(native ? "NativeImport" : ImFolder(r))}";
                        break;
                    }
                    case Tool.IntuneCd:
                        style = TextStyle.IntuneCd;
                        encoding = FileEncoding.Utf8;
                        folder = $"{_tenantFolder}/Backup/{CdFolder(r)}";
                        fileName += "_" + (r.Kind == "settingsCatalog" ? "mdm" : r.Type);
                        break;
                    default:
                        style = _ps51 ? TextStyle.PowerShell51 : TextStyle.Indented2;
                        encoding = _ps51 ? FileEncoding.Utf16LeBom : FileEncoding.Utf8;
                        folder = $"{_tenantFolder}/{IbrFolder(r)}";
                        break;
                }

                int target = TargetChars(r, encoding);
                string text = Pad(r, target, () => Decorate(r, style), style);
                Save(folder, fileName, text, encoding, r);
                if (_tool == Tool.BackupAndRestore && r.Assignments.Count > 0)
                {
                    // Invoke-IntuneBackup* pipes the assignments through ConvertTo-Json: one assignment is a bare object.
                    var items = r.Assignments.Select(a => (object?)new JObj().Add("id", _rng.Guid()).Add("source", "direct").Add("sourceId", _rng.Guid()).Add("target", a)).ToList();
                    object? root = items.Count == 1 ? items[0] : items;
                    SaveCompanion($"{folder}/Assignments", fileName, JsonWriter.Write(root, style), encoding);
                }
            }

            private static string ImFolder(GeneratedResource r) => r.Kind switch
            {
                "settingsCatalog" => "SettingsCatalog",
                "legacy" or "omaUri" => "DeviceConfiguration",
                "compliance" => "CompliancePolicies",
                "mam" => "AppProtection",
                "branding" => "IntuneBranding",
                _ => r.Type == "roleScopeTag" ? "ScopeTags" : "AssignmentFilters",
            };

            private static string CdFolder(GeneratedResource r) => r.Kind switch
            {
                "settingsCatalog" => "Settings Catalog",
                "legacy" or "omaUri" => "Device Configurations",
                "compliance" => "Compliance Policies/Policies",
                "mam" => "App Protection",
                _ => r.Type == "roleScopeTag" ? "Scope Tags" : "Filters",
            };

            private static string IbrFolder(GeneratedResource r) => r.Kind switch
            {
                "settingsCatalog" => "Settings Catalog",
                "legacy" or "omaUri" => "Device Configurations",
                "compliance" => "Device Compliance Policies",
                _ => "App Protection Policies",
            };

            private int TargetChars(GeneratedResource r, FileEncoding encoding)
            {
                bool paddable = r.Kind is "settingsCatalog" or "legacy" or "omaUri" or "mam";
                if (_shape == Shape.Real && paddable)
                {
                    int real = LogNormal(_rng, RealMedianBytes, RealSigma, 2_000, 200_000);
                    return encoding == FileEncoding.Utf16LeBom ? real / 2 : real;
                }
                int bytes = r.Kind switch
                {
                    "settingsCatalog" => LogUniform(_rng, 2_000, 60_000),
                    "legacy" => LogUniform(_rng, 5_000, 40_000),
                    "omaUri" => LogUniform(_rng, 2_000, 25_000),
                    "mam" => LogUniform(_rng, 5_000, 40_000),
                    _ => 0,
                };
                return encoding == FileEncoding.Utf16LeBom ? bytes / 2 : bytes;
            }

            /// <summary>
            /// Adds filler until the rendered text is near the target. The cost of one item is measured on the real
            /// rendering, because PowerShell 5.1's hanging indentation makes deep Settings Catalog items several
            /// times wider than they look; an overshoot is trimmed back.
            /// </summary>
            private string Pad(GeneratedResource r, int target, Func<object?> render, TextStyle style)
            {
                Renumber(r);
                string text = JsonWriter.Write(render(), style);
                if (text.Length >= target) return text;
                Action add;
                Action remove;
                if (r.FillerProperty != null)
                {
                    var list = (List<object?>)r.Body.Props.First(p => p.Key == r.FillerProperty).Value!;
                    add = () => list.Add(r.Filler!(_rng));
                    remove = () => list.RemoveAt(list.Count - 1);
                }
                else if (r.Kind == "legacy")
                {
                    int filler = 0;
                    add = () => _factory.AddLegacyFiller(r.Body, filler++);
                    remove = () => r.Body.Props.RemoveAt(r.Body.Props.Count - 1);
                }
                else
                {
                    return text;
                }

                int added = 0;
                double perItem = 0;
                for (int round = 0; round < 6 && text.Length < target * 0.95; round++)
                {
                    int n = perItem <= 0 ? 1 : Math.Max(1, (int)Math.Ceiling((target - text.Length) / perItem));
                    for (int i = 0; i < n; i++) add();
                    added += n;
                    Renumber(r);
                    string next = JsonWriter.Write(render(), style);
                    perItem = Math.Max(20, (next.Length - text.Length) / (double)n);
                    text = next;
                }
                if (text.Length > target * 1.1 && added > 1)
                {
                    int n = Math.Min(added - 1, (int)Math.Ceiling((text.Length - target) / perItem));
                    for (int i = 0; i < n; i++) remove();
                    Renumber(r);
                    text = JsonWriter.Write(render(), style);
                }
                return text;
            }

            private static void Renumber(GeneratedResource r)
            {
                if (r.Kind != "settingsCatalog") return;
                var settings = (List<object?>)r.Body.Props.First(p => p.Key == "settings").Value!;
                for (int i = 0; i < settings.Count; i++)
                {
                    var wrapper = (JObj)settings[i]!;
                    wrapper.Props[0] = new KeyValuePair<string, object?>("id", i.ToString());
                }
                int count = r.Body.Props.FindIndex(p => p.Key == "settingCount");
                r.Body.Props[count] = new KeyValuePair<string, object?>("settingCount", settings.Count);
            }

            /// <summary>The object as the tenant's tool writes it: metadata, stripped keys and inline assignments.</summary>
            private object? Decorate(GeneratedResource r, TextStyle style)
            {
                switch (_tool)
                {
                    case Tool.IntuneManagement when style == TextStyle.Portal:
                    {
                        var portal = Copy(r.Body);
                        portal.Insert(0, "@odata.context", "https://graph.microsoft.com/beta/$metadata#deviceManagement/configurationPolicies/$entity");
                        return portal;
                    }
                    case Tool.IntuneManagement:
                        return FullMetadata(r);
                    case Tool.IntuneCd:
                        return IntuneCdShape(r);
                    default:
                    {
                        var plain = Copy(r.Body);
                        if (r.Polymorphic) plain.Insert(0, "@odata.type", "#microsoft.graph." + r.Type);
                        // IntuneBackupAndRestore backups never expand the compliance actions.
                        plain.Remove("scheduledActionsForRule");
                        return plain;
                    }
                }
            }

            private static JObj Copy(JObj source)
            {
                var copy = new JObj();
                copy.Props.AddRange(source.Props);
                return copy;
            }

            /// <summary>IntuneManagement asks Graph for <c>odata.metadata=full</c>, so every key is annotated.</summary>
            private JObj FullMetadata(GeneratedResource r)
            {
                string id = r.Body.Props.FirstOrDefault(p => p.Key == "id").Value as string ?? _rng.Guid();
                string expand = r.Kind == "settingsCatalog" ? "(assignments(),settings())" : r.Kind == "compliance" ? "(assignments(),scheduledActionsForRule(scheduledActionConfigurations()))" : "(assignments())";
                string self = $"{r.EntitySet}('{id}')";
                var o = new JObj()
                    .Add("@odata.context", $"https://graph.microsoft.com/beta/$metadata#{r.EntitySet}{expand}/$entity")
                    .Add("@odata.type", "#microsoft.graph." + r.Type)
                    .Add("@odata.id", self)
                    .Add("@odata.editLink", self);
                foreach (var p in r.Body.Props)
                {
                    if (p.Key.EndsWith("DateTime", StringComparison.Ordinal)) o.Add(p.Key + "@odata.type", "#DateTimeOffset");
                    else if (p.Value is List<object?> list && list.All(i => i is string)) o.Add(p.Key + "@odata.type", "#Collection(String)");
                    if (p.Key == "settings" && p.Value is List<object?> settings)
                    {
                        o.Add("settings@odata.context", $"https://graph.microsoft.com/beta/$metadata#{self}/settings");
                        var annotated = new List<object?>();
                        foreach (JObj wrapper in settings.Cast<JObj>())
                        {
                            var w = new JObj()
                                .Add("@odata.type", "#microsoft.graph.deviceManagementConfigurationSetting")
                                .Add("@odata.id", $"{self}/settings('{wrapper.Props[0].Value}')");
                            w.Props.AddRange(wrapper.Props);
                            w.Add("settingDefinitions@odata.associationLink", $"https://graph.microsoft.com/beta/{self}/settings('{wrapper.Props[0].Value}')/settingDefinitions/$ref");
                            annotated.Add(w);
                        }
                        o.Add("settings", annotated);
                        continue;
                    }
                    o.Add(p.Key, p.Value);
                }
                o.Add("assignments@odata.context", $"https://graph.microsoft.com/beta/$metadata#{self}/assignments");
                o.Add("assignments", r.Assignments.Select(a => (object?)new JObj().Add("id", _rng.Guid()).Add("source", "direct").Add("sourceId", id).Add("target", a)).ToList());
                o.Add("#microsoft.graph.assign", new JObj().Add("title", "microsoft.graph.assign").Add("target", $"https://graph.microsoft.com/beta/{self}/microsoft.graph.assign"));
                return o;
            }

            private static readonly HashSet<string> CdRemoved = new HashSet<string>(StringComparer.Ordinal)
            {
                "id", "version", "createdDateTime", "lastModifiedDateTime", "isAssigned", "supportsScopeTags",
            };

            /// <summary>IntuneCD strips ids and dates, names scope tags, resolves assignment groups to names.</summary>
            private JObj IntuneCdShape(GeneratedResource r)
            {
                var o = new JObj();
                if (r.Polymorphic) o.Add("@odata.type", "#microsoft.graph." + r.Type);
                foreach (var p in r.Body.Props)
                {
                    if (CdRemoved.Contains(p.Key)) continue;
                    if (p.Key == "roleScopeTagIds") { o.Add(p.Key, new List<object?> { "Default" }); continue; }
                    if (p.Key == "settings" && p.Value is List<object?> settings)
                    {
                        o.Add("settings", settings.Cast<JObj>().Select(w =>
                        {
                            var instance = Copy((JObj)w.Props[1].Value!);
                            instance.Insert(3, "auditRuleInformation", null);
                            return (object?)new JObj().Add("id", w.Props[0].Value).Add("settingInstance", instance);
                        }).ToList());
                        continue;
                    }
                    o.Add(p.Key, p.Value);
                }
                o.Add("assignments", r.Assignments.Select(a =>
                {
                    var target = Copy(a);
                    target.Remove("groupId");
                    if (((string)a.Props[0].Value!).Contains("roup", StringComparison.Ordinal))
                    {
                        target.Add("groupName", $"[{_rng.Pick(Vocabulary.NameParts)}] - Intune-Users").Add("groupType", "DynamicMembership").Add("membershipRule", "(user.assignedPlans -any (assignedPlan.servicePlanId -eq \"c1ec4a95\"))");
                    }
                    return (object?)new JObj().Add("source", "direct").Add("target", target);
                }).ToList());
                return o;
            }

            // ---- Graph list pages -------------------------------------------------------------------------------

            private void WriteGraphPages(List<GeneratedResource> resources)
            {
                foreach (var group in resources.GroupBy(r => r.EntitySet).OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    var pending = group.ToList();
                    int page = 0;
                    while (pending.Count > 0)
                    {
                        page++;
                        int target = LogUniform(_rng, 2_000, 60_000);
                        var items = new List<GeneratedResource>();
                        int size = 0;
                        while (pending.Count > 0 && (items.Count == 0 || size < target))
                        {
                            var r = pending[0];
                            pending.RemoveAt(0);
                            // Pages hold several resources, so each one stays near its own natural size.
                            Pad(r, Math.Min(TargetChars(r, FileEncoding.Utf8), 12_000), () => GraphItem(r), _graphStyle);
                            size += JsonWriter.Measure(GraphItem(r), _graphStyle);
                            items.Add(r);
                        }
                        string expand = group.Key.EndsWith("configurationPolicies", StringComparison.Ordinal) ? "(settings())" : "";
                        var root = new JObj().Add("@odata.context", $"https://graph.microsoft.com/beta/$metadata#{group.Key}{expand}");
                        if (pending.Count > 0) root.Add("@odata.nextLink", $"https://graph.microsoft.com/beta/{group.Key}?$skiptoken={_rng.Guid()}");
                        root.Add("value", items.Select(GraphItem).ToList());
                        string name = group.Key.Substring(group.Key.LastIndexOf('/') + 1);
                        Save($"{_tenantFolder}/graph", $"{name}-page-{page:D3}", JsonWriter.Write(root, _graphStyle), FileEncoding.Utf8, items.ToArray());
                    }
                }
            }

            private static object? GraphItem(GeneratedResource r)
            {
                var o = Copy(r.Body);
                if (r.Polymorphic) o.Insert(0, "@odata.type", "#microsoft.graph." + r.Type);
                return o;
            }

            private void WriteMigrationTable(List<GeneratedResource> resources)
            {
                var objects = resources.SelectMany(r => r.Assignments).Where(a => a.Props.Any(p => p.Key == "groupId"))
                    .Select(a => (object?)new JObj().Add("Id", a.Props.First(p => p.Key == "groupId").Value).Add("DisplayName", $"{_rng.Pick(Vocabulary.NameParts)} users").Add("Type", "Group"))
                    .ToList();
                var table = new JObj().Add("TenantId", _rng.Guid()).Add("Organization", $"Contoso{_index + 1:D4}").Add("Objects", objects);
                SaveCompanion($"{_tenantFolder}/Contoso{_index + 1:D4}", "MigrationTable", JsonWriter.Write(table, TextStyle.PowerShell51), FileEncoding.Utf16LeBom);
            }

            // ---- Files --------------------------------------------------------------------------------------------

            private static string Sanitize(string name)
            {
                var invalid = new HashSet<char>("<>:\"/\\|?*");
                var sb = new StringBuilder(name.Length);
                foreach (char c in name) if (!invalid.Contains(c)) sb.Append(c);
                return sb.ToString();
            }

            private WrittenFile Save(string folder, string fileName, string text, FileEncoding encoding, params GeneratedResource[] resources)
            {
                var file = SaveFile(folder, fileName, text, encoding);
                file.Resources.AddRange(resources);
                return file;
            }

            private void SaveCompanion(string folder, string fileName, string text, FileEncoding encoding)
            {
                SaveFile(folder, fileName, text, encoding).Companion = true;
            }

            private WrittenFile SaveFile(string folder, string fileName, string text, FileEncoding encoding)
            {
                string relative = $"{folder}/{fileName}.json";
                for (int n = 2; !_usedPaths.Add(relative); n++) relative = $"{folder}/{fileName} ({n}).json";
                var bytes = Encode(text, encoding);
                string full = Path.Combine(_root, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllBytes(full, bytes);
                var file = new WrittenFile { RelativePath = relative, Bytes = bytes.Length, Tool = _tool, Encoding = encoding };
                _files.Add(file);
                return file;
            }

            private static byte[] Encode(string text, FileEncoding encoding)
            {
                switch (encoding)
                {
                    case FileEncoding.Utf16LeBom:
                        return new byte[] { 0xFF, 0xFE }.Concat(Encoding.Unicode.GetBytes(text)).ToArray();
                    case FileEncoding.Utf8Bom:
                        return new byte[] { 0xEF, 0xBB, 0xBF }.Concat(new UTF8Encoding(false).GetBytes(text)).ToArray();
                    default:
                        return new UTF8Encoding(false).GetBytes(text);
                }
            }
        }
    }
}
