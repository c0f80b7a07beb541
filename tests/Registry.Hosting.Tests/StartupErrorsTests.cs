using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Registry.Hosting.Configuration;

namespace Registry.Hosting.Tests;

/// <summary>A misconfiguration ends startup with one line naming the key; anything else is not disguised as one.</summary>
public sealed class StartupErrorsTests
{
    [Fact]
    public void Validation_failures_become_one_line()
    {
        var message = StartupErrors.Describe(new AggregateException(
            new OptionsValidationException("x", typeof(RegistryOptions), ["Registry:A is wrong"]),
            new OptionsValidationException("y", typeof(RegistryOptions), ["Registry:B is wrong"])));

        Assert.Equal("Registry cannot start: invalid configuration: Registry:A is wrong; Registry:B is wrong", message);
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_its_key()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Registry:Cluster:Mode"] = "Sideways" }).Build();
        var exception = Assert.ThrowsAny<InvalidOperationException>(() => configuration.GetSection(RegistryOptions.Section).Get<RegistryOptions>());

        var message = StartupErrors.Describe(exception);

        Assert.NotNull(message);
        Assert.StartsWith("Registry cannot start: invalid configuration: Failed to convert configuration value", message, StringComparison.Ordinal);
        Assert.Contains("Registry:Cluster:Mode", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }

    [Theory]
    [InlineData(typeof(InvalidOperationException))]
    [InlineData(typeof(IOException))]
    public void Other_failures_are_not_configuration_errors(Type type)
    {
        Assert.Null(StartupErrors.Describe((Exception)Activator.CreateInstance(type, "boom")!));
        Assert.Null(StartupErrors.Describe(new AggregateException(new OptionsValidationException("x", typeof(RegistryOptions), ["bad"]), new IOException("disk"))));
    }
}
