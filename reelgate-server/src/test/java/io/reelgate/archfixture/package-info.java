/**
 * Classes that break every package rule on purpose, laid out like the server's packages, so that
 * {@code ArchitectureRulesTest} can show each rule failing. Never imported by the server's rules.
 */
package io.reelgate.archfixture;
