using Liaison.Gateway.Workflows;
using Liaison.Workflows.Handover;
using Liaison.Workflows.Localization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Tests.Workflows;

/// <summary>Workflows:BorderGates, MinimumNoticeDays and RollCallTolerance: bound from configuration, checked at start-up in sentences.</summary>
public sealed class HandoverOptionsTests
{
    [Fact]
    public void WithNothingConfiguredThePolicyHasTheTwoLaoCaiGatesThreeDaysNoticeAndTwoHoursTolerance()
    {
        var policy = Bind([]).ToPolicy();

        Assert.Equal(["VN-LAOCAI/CN-HEKOU", "VN-KIMTHANH/CN-HEKOU"], policy.BorderGates.Select(g => g.Code));
        Assert.Equal("老街—河口国际口岸", policy.Find("VN-LAOCAI/CN-HEKOU")!.Name(Language.Zh));
        Assert.Equal("Asia/Ho_Chi_Minh", policy.Find("VN-LAOCAI/CN-HEKOU")!.TimeZone.Id);
        Assert.Equal(3, policy.MinimumNoticeDays);
        Assert.Equal(TimeSpan.FromHours(2), policy.RollCallTolerance);
    }

    [Fact]
    public void ConfiguredGatesReplaceTheDefaults()
    {
        var policy = Bind(new Dictionary<string, string?>
        {
            ["Workflows:BorderGates:0:Code"] = "VN-MUONGKHUONG/CN-QIAOTOU",
            ["Workflows:BorderGates:0:NameVi"] = "Cửa khẩu Mường Khương – Kiều Đầu",
            ["Workflows:BorderGates:0:NameZh"] = "猛康—桥头口岸",
            ["Workflows:BorderGates:0:NameEn"] = "Muong Khuong–Qiaotou border gate",
            ["Workflows:BorderGates:0:TimeZone"] = "Asia/Shanghai",
            ["Workflows:RollCallTolerance"] = "00:30:00",
            ["Workflows:MinimumNoticeDays"] = "5",
        }).ToPolicy();

        var gate = Assert.Single(policy.BorderGates);
        Assert.Equal("VN-MUONGKHUONG/CN-QIAOTOU", gate.Code);
        Assert.Equal("Cửa khẩu Mường Khương – Kiều Đầu", gate.Name(Language.Vi));
        Assert.Equal("Asia/Shanghai", gate.TimeZone.Id);
        Assert.Null(policy.Find("VN-LAOCAI/CN-HEKOU"));
        Assert.Equal(TimeSpan.FromMinutes(30), policy.RollCallTolerance);
        Assert.Equal(5, policy.MinimumNoticeDays);
    }

    [Fact]
    public void AnEmptyListIsRefused()
    {
        var result = Validate(new HandoverOptions { BorderGates = [] });

        Assert.Equal(
            "Workflows:BorderGates lists no border gate: configure at least one (a Code and its NameVi, NameZh and NameEn), or remove the setting to use the two default gates.",
            Assert.Single(result.Failures!));
    }

    [Fact]
    public void ADuplicateCodeIsRefused()
    {
        var result = Validate(new HandoverOptions { BorderGates = [Gate("VN-LAOCAI/CN-HEKOU"), Gate("VN-KIMTHANH/CN-HEKOU"), Gate("VN-LAOCAI/CN-HEKOU")] });

        Assert.Equal("Workflows:BorderGates lists gate VN-LAOCAI/CN-HEKOU twice (entries 0 and 2); each gate code must be unique.", Assert.Single(result.Failures!));
    }

    [Theory]
    [InlineData("vi", "Workflows:BorderGates:0 (VN-LAOCAI/CN-HEKOU) has no Vietnamese name (NameVi); every gate needs its name in Vietnamese, Chinese and English.")]
    [InlineData("zh", "Workflows:BorderGates:0 (VN-LAOCAI/CN-HEKOU) has no Chinese name (NameZh); every gate needs its name in Vietnamese, Chinese and English.")]
    [InlineData("en", "Workflows:BorderGates:0 (VN-LAOCAI/CN-HEKOU) has no English name (NameEn); every gate needs its name in Vietnamese, Chinese and English.")]
    public void AMissingNameInALanguageIsRefused(string language, string sentence)
    {
        var gate = Gate("VN-LAOCAI/CN-HEKOU");
        switch (language)
        {
            case "vi": gate.NameVi = ""; break;
            case "zh": gate.NameZh = " "; break;
            default: gate.NameEn = ""; break;
        }

        Assert.Equal(sentence, Assert.Single(Validate(new HandoverOptions { BorderGates = [gate] }).Failures!));
    }

    [Fact]
    public void ABadCodeAnUnknownTimeZoneAndOutOfRangeNumbersAreRefused()
    {
        var badCode = Gate("Lao Cai gate");
        var badZone = Gate("VN-LAOCAI/CN-HEKOU");
        badZone.TimeZone = "Asia/Laocai";

        var failures = Validate(new HandoverOptions { BorderGates = [badCode, badZone], MinimumNoticeDays = -1, RollCallTolerance = TimeSpan.FromHours(25) }).Failures!;

        Assert.Equal(
        [
            "Workflows:BorderGates:0:Code must be 1-64 of A-Za-z0-9/._-, starting with a letter or digit (e.g. VN-LAOCAI/CN-HEKOU).",
            "Workflows:BorderGates:1 (VN-LAOCAI/CN-HEKOU):TimeZone must be a time zone this system knows, such as Asia/Ho_Chi_Minh or Asia/Shanghai.",
            "Workflows:MinimumNoticeDays must be between 0 and 30; it is -1.",
            "Workflows:RollCallTolerance must be between 0 and 24 hours; it is 1.01:00:00.",
        ], failures);
    }

    [Fact]
    public void TheDefaultsAreValid() => Assert.True(Validate(new HandoverOptions()).Succeeded);

    [Fact]
    public void AGatewayWithAnInvalidListRefusesToStartWithTheSentence()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Workflows:BorderGates:0:Code"] = "VN-LAOCAI/CN-HEKOU",
            ["Workflows:BorderGates:0:NameVi"] = "Cửa khẩu quốc tế Lào Cai",
            ["Workflows:BorderGates:0:NameEn"] = "Lao Cai international border gate",
        }).Build());
        services.AddOptions<HandoverOptions>().BindConfiguration(HandoverOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HandoverOptions>, HandoverOptionsValidator>());
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<HandoverOptions>>().Value);

        Assert.Contains("has no Chinese name (NameZh)", ex.Message, StringComparison.Ordinal);
    }

    private static HandoverOptions Bind(Dictionary<string, string?> settings)
    {
        var options = new HandoverOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(HandoverOptions.Section).Bind(options);
        Assert.True(Validate(options).Succeeded);
        return options;
    }

    private static ValidateOptionsResult Validate(HandoverOptions options) => new HandoverOptionsValidator().Validate(null, options);

    private static BorderGateOptions Gate(string code) => new()
    {
        Code = code,
        NameVi = "Cửa khẩu " + code,
        NameZh = "口岸 " + code,
        NameEn = "Border gate " + code,
    };
}
