using System.IO;
using NUnit.Framework;

namespace ConfigLint.Tests
{
    /// <summary>Tests that write exports into a fresh temporary folder per test, removed afterwards.</summary>
    public abstract class TempFolderTests
    {
        // Named as the fixtures named their own field before they shared this base.
        protected string _dir = null!;

        [SetUp]
        public void CreateTempFolder() => _dir = TestPaths.TempDirectory();

        [TearDown]
        public void DeleteTempFolder()
        {
            try { Directory.Delete(_dir, true); } catch (IOException) { }
        }

        /// <summary>
        /// Runs the CLI in the folder, outside any CI environment (so a test's output does not depend on where it runs);
        /// standard output and error with Unix line ends.
        /// </summary>
        protected (int Exit, string Out, string Err) Run(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int exit = ConfigLint.Cli.CliApp.Run(args, output, error, _dir, ConfigLint.Cli.Formatters.OutputEnvironment.None);
            return (exit, output.ToString().Replace("\r\n", "\n"), error.ToString().Replace("\r\n", "\n"));
        }

        /// <summary>Writes <paramref name="text"/> to a path under the folder, creating its folders; returns the full path.</summary>
        protected string Write(string relative, string text)
        {
            var path = Path.Combine(_dir, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
            return path;
        }
    }
}
