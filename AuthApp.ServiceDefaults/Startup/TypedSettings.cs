using System.Collections;
using System.ComponentModel;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>An options class and the configuration section it is bound from.</summary>
public sealed record TypedSettings(string Section, Type OptionsType)
{
    /// <summary>
    /// One problem per key under <see cref="Section"/> whose value does not convert to its property's type, found the
    /// way the configuration binder converts (invariant culture, the type's <see cref="TypeConverter"/>). The binder
    /// itself would throw on the first one with the value in its message, which may be a secret.
    /// </summary>
    public IEnumerable<string> Problems(IConfiguration configuration) =>
        Check(configuration.GetSection(Section), OptionsType);

    private static IEnumerable<string> Check(IConfigurationSection section, Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0) continue;
            // The key as the user wrote it (binding ignores case), so the message names what they set.
            var child = section.GetChildren().FirstOrDefault(c => string.Equals(c.Key, property.Name, StringComparison.OrdinalIgnoreCase))
                ?? section.GetSection(property.Name);
            var problems = property.CanWrite || !IsScalar(property.PropertyType) ? CheckValue(child, property.PropertyType) : [];
            foreach (var problem in problems) yield return problem;
        }
    }

    private static IEnumerable<string> CheckValue(IConfigurationSection section, Type type)
    {
        if (type == typeof(string) || type == typeof(object)) return [];
        if (IsScalar(type)) return section.Value is { } value && !Converts(value, type) ? [Describe(section.Path, type)] : [];
        if (ElementType(type) is { } element) return section.GetChildren().SelectMany(child => CheckValue(child, element));
        return type.IsClass ? Check(section, type) : [];
    }

    /// <summary>Arrays, lists and string-keyed dictionaries: the type of their values.</summary>
    private static Type? ElementType(Type type)
    {
        if (type.IsArray) return type.GetElementType();
        if (!type.IsGenericType || !typeof(IEnumerable).IsAssignableFrom(type)) return null;
        return type.GetGenericArguments()[^1];
    }

    private static bool IsScalar(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target.IsPrimitive || target.IsEnum || target == typeof(string) || target == typeof(decimal)
            || target == typeof(TimeSpan) || target == typeof(Uri) || target == typeof(DateTimeOffset) || target == typeof(Guid);
    }

    private static bool Converts(string value, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        // The binder leaves a nullable property null for an empty value.
        if (target != type && value.Length == 0) return true;
        try
        {
            _ = TypeDescriptor.GetConverter(target).ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>Names the key and the kind of value expected; never the value, which may be a secret.</summary>
    private static string Describe(string key, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        var expected = target switch
        {
            _ when target == typeof(TimeSpan) => "a TimeSpan such as 00:15:00 (hh:mm:ss, or d.hh:mm:ss with days)",
            _ when target == typeof(int) || target == typeof(long) || target == typeof(short) => "a whole number such as 20",
            _ when target == typeof(double) || target == typeof(float) || target == typeof(decimal) => "a number such as 2 or 1.5 (with a point)",
            _ when target == typeof(bool) => "true or false",
            _ when target == typeof(Uri) => "a URI such as https://example.com",
            _ when target.IsEnum => $"one of {string.Join(", ", Enum.GetNames(target))}",
            _ => $"a {target.Name}",
        };
        return $"{key} does not parse: the value is not {expected}.";
    }
}

/// <summary>Registers options classes whose values are checked for parse errors before anything starts.</summary>
public static class TypedSettingsExtensions
{
    /// <summary>Binds <typeparamref name="TOptions"/> to <paramref name="section"/>, validated at start and checked for values that do not parse.</summary>
    public static OptionsBuilder<TOptions> AddCheckedOptions<TOptions>(this IServiceCollection services, string section)
        where TOptions : class
    {
        services.AddSingleton(new TypedSettings(section, typeof(TOptions)));
        return services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
    }
}
