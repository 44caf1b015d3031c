using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ConfigLint.Tools
{
    /// <summary>
    /// The files derived from the catalog: the README rule table and the unshipped release rows. <c>generate</c>
    /// writes them; CatalogTests fail when a committed file differs from what is computed here.
    /// </summary>
    public static class Bookkeeping
    {
        public static string ExpectedReadme(RepoLayout repo) => ReadmeRuleTable.Apply(RepoLayout.Read(repo.Readme), ReadmeRuleTable.Table());

        public static string ExpectedUnshipped(RepoLayout repo, IEnumerable<CatalogRule> catalog) =>
            ReleaseTracking.Unshipped(catalog, ReleaseTracking.ReadShipped(RepoLayout.Read(repo.ShippedFile)));

        /// <summary>Every ID the category ranges must never hand out again: the catalog's and every shipped rule's.</summary>
        public static IEnumerable<string> UsedIds(RepoLayout repo, IEnumerable<CatalogRule> catalog) =>
            catalog.Select(r => r.Id).Concat(ReleaseTracking.ReadShipped(RepoLayout.Read(repo.ShippedFile)).Keys);

        /// <summary>Writes the derived files that differ; returns the ones written (or, with <paramref name="check"/>, the ones that would be).</summary>
        public static List<string> Generate(RepoLayout repo, IReadOnlyList<CatalogRule> catalog, bool check)
        {
            var changed = new List<string>();
            void Put(string path, string expected)
            {
                if (File.Exists(path) && RepoLayout.Read(path) == expected) return;
                changed.Add(Path.GetRelativePath(repo.Root, path).Replace('\\', '/'));
                if (!check) RepoLayout.Write(path, expected);
            }
            Put(repo.Readme, ExpectedReadme(repo));
            Put(repo.UnshippedFile, ExpectedUnshipped(repo, catalog));
            Put(Path.Combine(repo.Root, BuiltInPackSource.RelativePath), BuiltInPackSource.Render());
            return changed;
        }
    }
}
