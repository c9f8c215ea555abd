/** The study report: tables, figures and text built from the case-series results. */
package org.casebook.report;
