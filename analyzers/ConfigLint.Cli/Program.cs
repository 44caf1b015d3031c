using System;
using System.IO;
using System.Text;
using ConfigLint.Cli;

// Findings are written as they are found; a buffered standard output keeps that from costing a system call per line
// (tens of thousands on a large corpus). The console's own encoding is kept, without a byte-order mark.
var encoding = Console.OutputEncoding is UTF8Encoding ? new UTF8Encoding(false) : Console.OutputEncoding;
using var output = new StreamWriter(Console.OpenStandardOutput(), encoding, 1 << 16) { AutoFlush = false };
try
{
    return CliApp.Run(args, output, Console.Error);
}
finally
{
    output.Flush();
}
