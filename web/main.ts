/**
 * The admin UI's entry: the SLDS stylesheet (global: components render in light DOM so it
 * applies, see README.md), the app's own small additions, then the root element.
 *
 * The unminified SLDS file on purpose: the published .min.css squeezes `:nth-child(1 of .x)`
 * into `:nth-child(1of.x)`, which Vite's CSS minifier (lightningcss) rejects; Vite minifies the
 * full file itself, so the bundle is the same size.
 */
import '@salesforce-ux/design-system/assets/styles/salesforce-lightning-design-system.css';
import './styles/app.css';
import './components/admin-app/admin-app';
