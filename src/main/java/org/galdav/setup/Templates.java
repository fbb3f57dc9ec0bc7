package org.galdav.setup;

import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/**
 * The pages' FreeMarker templates ({@code galdav/setup/*.ftlh} on the class path). Every {@code ${...}} is
 * HTML-escaped (the HTML output format, fixed for all templates rather than chosen by file name); templates
 * may not create Java objects or reach the Java API, and a template error fails the request instead of
 * printing a half page.
 */
final class Templates {
    private final Configuration freemarker;

    Templates() {
        freemarker = new Configuration(Configuration.VERSION_2_3_34);
        freemarker.setClassForTemplateLoading(Templates.class, "/galdav/setup");
        freemarker.setOutputFormat(HTMLOutputFormat.INSTANCE);
        freemarker.setRecognizeStandardFileExtensions(false);
        freemarker.setDefaultEncoding("UTF-8");
        freemarker.setLocale(Locale.ENGLISH);
        freemarker.setTimeZone(TimeZone.getTimeZone("UTC"));
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setLogTemplateExceptions(false);
        freemarker.setWrapUncheckedExceptions(true);
        freemarker.setAPIBuiltinEnabled(false);
        freemarker.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        freemarker.setFallbackOnNullLoopVariable(false);
    }

    /** The page a template renders from a model. */
    String render(String template, Map<String, Object> model) {
        StringWriter out = new StringWriter(16_384);
        try {
            freemarker.getTemplate(template).process(model, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TemplateException e) {
            throw new IllegalStateException("template " + template + " failed: " + e.getMessage(), e);
        }
        return out.toString();
    }
}
