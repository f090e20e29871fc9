/**
 * Textvorlagen for Bescheide: a small template language (docs/template-language.md), the
 * Bescheid's data context, Textvorlagen and Textbausteine as validated data, fee rules.
 */
export { FORMATTER_NAMES, COMPARE_OPS, type FormatterName, type Template, type TemplateNode } from './ast.ts';
export { checkTemplate, type PathLookup } from './check.ts';
export {
  CONTEXT_PATHS,
  behoerdeSchema,
  bescheidContext,
  pathInfo,
  type Behoerde,
  type BescheidContextInput,
  type PathInfo,
  type ValueType,
} from './context.ts';
export {
  FEE_PROBLEMS,
  TEMPLATE_ERROR_CODES,
  type FeeProblem,
  type TemplateError,
  type TemplateErrorCode,
  type TemplateErrorParams,
  type TemplatePosition,
} from './errors.ts';
export { finalizeCheck, finalizeCheckText, unresolvedMarkers, type BescheidText } from './finalize.ts';
export { formatDatum, formatEuro, formatNumberDe } from './formatters.ts';
export {
  bescheidGebuehr,
  gebuehrOverride,
  gebuehrRuleSchema,
  gebuehrenFileSchema,
  gebuehrenRegistry,
  type GebuehrBerechnung,
  type GebuehrOverride,
  type GebuehrRule,
  type GebuehrenRegistry,
} from './gebuehren.ts';
export { TEMPLATE_LIMITS } from './limits.ts';
export { parseTemplate } from './parse.ts';
export {
  renderTemplate,
  unresolvedMarker,
  type BlockSet,
  type ContextObject,
  type ContextValue,
  type RenderResult,
} from './render.ts';
export {
  vorlagenRegistry,
  type NamedJson,
  type VorlagenLoadError,
  type VorlagenRegistry,
  type VorlagenSources,
} from './registry.ts';
export { VORLAGE_SECTIONS, type RenderedSection, type RenderedVorlage } from './sections.ts';
export {
  bausteinFileSchema,
  bausteinSchema,
  vorlageSchema,
  vorlageSectionSchema,
  type Baustein,
  type Vorlage,
} from './vorlage.ts';
