export { INDUSTRY_SECTIONS } from '../../kernel/identifiers/industry.ts';
