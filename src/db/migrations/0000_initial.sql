CREATE SCHEMA IF NOT EXISTS "byline";
--> statement-breakpoint
CREATE TYPE "byline"."account_type" AS ENUM('individual', 'media', 'institution', 'enterprise');--> statement-breakpoint
CREATE TYPE "byline"."application_status" AS ENUM('pending', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "byline"."article_status" AS ENUM('draft', 'scheduled', 'published', 'removed');--> statement-breakpoint
CREATE TYPE "byline"."body_format" AS ENUM('text', 'markdown');--> statement-breakpoint
CREATE TYPE "byline"."user_role" AS ENUM('reader', 'creator', 'editor', 'admin');--> statement-breakpoint
CREATE TYPE "byline"."user_status" AS ENUM('active', 'suspended');--> statement-breakpoint
CREATE TABLE "byline"."article_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"article_id" text NOT NULL,
	"revision" integer NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body_format" "byline"."body_format" NOT NULL,
	"body_source" text NOT NULL,
	"body_html" text NOT NULL,
	"editor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "byline"."article_stats" (
	"article_id" text PRIMARY KEY NOT NULL,
	"views" bigint DEFAULT 0 NOT NULL,
	"shares" bigint DEFAULT 0 NOT NULL,
	"comments" integer DEFAULT 0 NOT NULL,
	"likes" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "byline"."articles" (
	"id" text PRIMARY KEY NOT NULL,
	"author_id" uuid NOT NULL,
	"channel_id" smallint NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"body_format" "byline"."body_format" NOT NULL,
	"body_source" text NOT NULL,
	"body_html" text NOT NULL,
	"status" "byline"."article_status" DEFAULT 'draft' NOT NULL,
	"cover_image_id" uuid,
	"originality_claim" boolean DEFAULT false NOT NULL,
	"source_name" text DEFAULT '' NOT NULL,
	"source_url" text DEFAULT '' NOT NULL,
	"external_id" text,
	"revision" integer DEFAULT 1 NOT NULL,
	"published_at" timestamp with time zone,
	"scheduled_at" timestamp with time zone,
	"removed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "articles_title_not_blank" CHECK (length(btrim("byline"."articles"."title")) > 0)
);
--> statement-breakpoint
CREATE TABLE "byline"."channels" (
	"id" smallint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "byline"."channels_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 32767 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"position" smallint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "byline"."creator_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"display_name" text NOT NULL,
	"handle" text NOT NULL,
	"account_type" "byline"."account_type" NOT NULL,
	"tagline" text DEFAULT '' NOT NULL,
	"bio" text DEFAULT '' NOT NULL,
	"focus_channels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sample_links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"status" "byline"."application_status" DEFAULT 'pending' NOT NULL,
	"reviewer_id" uuid,
	"decision_reason" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "byline"."creator_profiles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"handle" text NOT NULL,
	"display_name" text NOT NULL,
	"tagline" text DEFAULT '' NOT NULL,
	"bio" text DEFAULT '' NOT NULL,
	"avatar_image_id" uuid,
	"account_type" "byline"."account_type" DEFAULT 'individual' NOT NULL,
	"focus_channels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "byline"."creator_stats" (
	"creator_id" uuid PRIMARY KEY NOT NULL,
	"articles" integer DEFAULT 0 NOT NULL,
	"followers" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "byline"."follows" (
	"user_id" uuid NOT NULL,
	"creator_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follows_user_id_creator_id_pk" PRIMARY KEY("user_id","creator_id")
);
--> statement-breakpoint
CREATE TABLE "byline"."images" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid,
	"storage_key" text NOT NULL,
	"mime_type" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"alt" text DEFAULT '' NOT NULL,
	"caption" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "byline"."sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "byline"."site_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "byline"."users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"password_hash" text,
	"display_name" text NOT NULL,
	"role" "byline"."user_role" DEFAULT 'reader' NOT NULL,
	"status" "byline"."user_status" DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "byline"."article_revisions" ADD CONSTRAINT "article_revisions_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "byline"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "byline"."article_revisions" ADD CONSTRAINT "article_revisions_editor_id_users_id_fk" FOREIGN KEY ("editor_id") REFERENCES "byline"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "byline"."article_stats" ADD CONSTRAINT "article_stats_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "byline"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "byline"."articles" ADD CONSTRAINT "articles_author_id_creator_profiles_id_fk" FOREIGN KEY ("author_id") REFERENCES "byline"."creator_profiles"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "byline"."articles" ADD CONSTRAINT "articles_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "byline"."channels"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "byline"."articles" ADD CONSTRAINT "articles_cover_image_id_images_id_fk" FOREIGN KEY ("cover_image_id") REFERENCES "byline"."images"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "byline"."creator_applications" ADD CONSTRAINT "creator_applications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "byline"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "byline"."creator_applications" ADD CONSTRAINT "creator_applications_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "byline"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "byline"."creator_profiles" ADD CONSTRAINT "creator_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "byline"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "byline"."creator_profiles" ADD CONSTRAINT "creator_profiles_avatar_image_id_images_id_fk" FOREIGN KEY ("avatar_image_id") REFERENCES "byline"."images"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "byline"."creator_stats" ADD CONSTRAINT "creator_stats_creator_id_creator_profiles_id_fk" FOREIGN KEY ("creator_id") REFERENCES "byline"."creator_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "byline"."follows" ADD CONSTRAINT "follows_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "byline"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "byline"."follows" ADD CONSTRAINT "follows_creator_id_creator_profiles_id_fk" FOREIGN KEY ("creator_id") REFERENCES "byline"."creator_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "byline"."images" ADD CONSTRAINT "images_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "byline"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "byline"."sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "byline"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "article_revisions_article_revision_key" ON "byline"."article_revisions" USING btree ("article_id","revision");--> statement-breakpoint
CREATE UNIQUE INDEX "articles_external_id_key" ON "byline"."articles" USING btree ("external_id");--> statement-breakpoint
CREATE INDEX "articles_published_idx" ON "byline"."articles" USING btree ("status","published_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "articles_channel_published_idx" ON "byline"."articles" USING btree ("channel_id","status","published_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "articles_author_published_idx" ON "byline"."articles" USING btree ("author_id","status","published_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "articles_scheduled_idx" ON "byline"."articles" USING btree ("scheduled_at") WHERE "byline"."articles"."status" = 'scheduled';--> statement-breakpoint
CREATE UNIQUE INDEX "channels_slug_key" ON "byline"."channels" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "channels_position_idx" ON "byline"."channels" USING btree ("position");--> statement-breakpoint
CREATE INDEX "creator_applications_status_idx" ON "byline"."creator_applications" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "creator_applications_user_idx" ON "byline"."creator_applications" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "creator_profiles_handle_key" ON "byline"."creator_profiles" USING btree ("handle");--> statement-breakpoint
CREATE UNIQUE INDEX "creator_profiles_user_key" ON "byline"."creator_profiles" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "follows_creator_idx" ON "byline"."follows" USING btree ("creator_id");--> statement-breakpoint
CREATE UNIQUE INDEX "images_storage_key_key" ON "byline"."images" USING btree ("storage_key");--> statement-breakpoint
CREATE INDEX "images_owner_idx" ON "byline"."images" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "byline"."sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "byline"."sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "byline"."users" USING btree ("email");